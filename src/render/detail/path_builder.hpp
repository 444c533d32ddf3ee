#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "geo/canvas.hpp"
#include "geo/vector_layer.hpp"
#include "render/view.hpp"

namespace conflictmap::render::detail {

using geo::Path;

// Sutherland–Hodgman clipping of a ring against a rectangle. The cut runs
// along the rectangle, which lies outside the visible frame (it is grown
// by a margin), so fills are right and the extra edges are never seen.
void clip_ring(const std::vector<double>& in, const Box& r, std::vector<double>& out);

// The point inside a ring farthest from its edges, on a coarse grid: where
// a country's name fits best (the centroid of a crescent falls outside it).
std::optional<XY> label_point(const double* p, std::size_t n, const Box& bb);

// Projects shapes onto a view and turns them into device paths: vertices
// closer than `tolerance` to the last kept one are dropped (a 10m coast has
// many per pixel at small scales), rings are clipped to the grown frame.
class PathBuilder {
  public:
    PathBuilder(const MapView& view, double tolerance, double margin)
        : m_view(view), m_tolerance2(tolerance * tolerance), m_clip(view.frame().grown(margin)) {}

    // Appends a shape's parts to `out`; false when nothing is in the frame.
    bool add(const geo::Shape& s, Path& out) {
        const double seam = m_view.projection().seam_longitude();
        m_xs.clear();
        m_ys.clear();
        m_parts.clear();
        std::size_t at = 0;
        for (const std::uint32_t n : s.parts) {
            if (!std::isnan(seam) && crosses_seam(s.xy.data() + 2 * at, n, seam)) {
                split_at_seam(s.xy.data() + 2 * at, n, seam);
            } else {
                for (std::size_t i = at; i < at + n; ++i) {
                    m_xs.push_back(s.xy[2 * i]);
                    m_ys.push_back(s.xy[2 * i + 1]);
                }
                m_parts.push_back(n);
            }
            at += n;
        }
        m_view.projection().forward(m_xs.data(), m_ys.data(), m_xs.size());
        bool any = false;
        at = 0;
        const bool ring = s.kind == geo::Shape::Kind::Polygon;
        for (const std::uint32_t n : m_parts) {
            m_part.clear();
            Box bb{1e300, 1e300, -1e300, -1e300};
            for (std::size_t i = at; i < at + n; ++i) {
                if (std::isnan(m_xs[i])) continue;
                const XY d = m_view.to_device({m_xs[i], m_ys[i]});
                if (!m_part.empty()) {
                    const double dx = d.x - m_part[m_part.size() - 2], dy = d.y - m_part.back();
                    if (dx * dx + dy * dy < m_tolerance2 && i + 1 < at + n) continue;
                }
                m_part.push_back(d.x);
                m_part.push_back(d.y);
                bb.x0 = std::min(bb.x0, d.x);
                bb.y0 = std::min(bb.y0, d.y);
                bb.x1 = std::max(bb.x1, d.x);
                bb.y1 = std::max(bb.y1, d.y);
            }
            at += n;
            if (m_part.size() < (ring ? 6u : 4u) || !bb.intersects(m_clip)) continue;
            const std::vector<double>* pts = &m_part;
            if (ring && !m_clip.contains(bb)) {
                clip_ring(m_part, m_clip, m_clipped);
                if (m_clipped.size() < 6) continue;
                pts = &m_clipped;
            }
            out.counts.push_back(static_cast<std::uint32_t>(pts->size() / 2));
            out.xy.insert(out.xy.end(), pts->begin(), pts->end());
            any = true;
        }
        out.closed = ring;
        return any;
    }

  private:
    // Into [-180, 180], keeping both ends: ±180 are the two edges of the map.
    static double wrap180(double d) {
        while (d > 180) d -= 360;
        while (d < -180) d += 360;
        return d;
    }
    // A part jumping across the projection's seam (Chukotka, Fiji): drawn
    // as is it would streak across the whole map.
    static bool crosses_seam(const double* p, std::size_t n, double seam) {
        const double centre = seam - 180;
        for (std::size_t i = 1; i < n; ++i) {
            const double a = wrap180(p[2 * i - 2] - centre), b = wrap180(p[2 * i] - centre);
            if (std::abs(a - b) > 180) return true;
        }
        return false;
    }
    // Unwraps the part's longitudes and emits one copy on each side of the
    // seam, each clamped to it: the clamped stretch is flat along the map's
    // edge, so fills stay right.
    void split_at_seam(const double* p, std::size_t n, double seam) {
        const double centre = seam - 180;
        std::vector<double> u(n);
        u[0] = wrap180(p[0] - centre);
        for (std::size_t i = 1; i < n; ++i) u[i] = u[i - 1] + wrap180(p[2 * i] - p[2 * i - 2]);
        for (double shift : {-360.0, 0.0, 360.0}) {
            bool inside = false;
            for (double v : u) inside = inside || std::abs(v + shift) < 179.9;
            if (!inside) continue;
            for (std::size_t i = 0; i < n; ++i) {
                m_xs.push_back(centre + std::clamp(u[i] + shift, -179.9999, 179.9999));
                m_ys.push_back(p[2 * i + 1]);
            }
            m_parts.push_back(static_cast<std::uint32_t>(n));
        }
    }

    const MapView& m_view;
    double m_tolerance2;
    Box m_clip;
    std::vector<double> m_xs, m_ys, m_part, m_clipped;
    std::vector<std::uint32_t> m_parts;
};

}  // namespace conflictmap::render::detail
