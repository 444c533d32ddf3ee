#include "render/detail/path_builder.hpp"

namespace conflictmap::render::detail {

// Sutherland–Hodgman clipping of a ring against a rectangle. The cut runs
// along the rectangle, which lies outside the visible frame (it is grown
// by a margin), so fills are right and the extra edges are never seen.
void clip_ring(const std::vector<double>& in, const Box& r, std::vector<double>& out) {
    std::vector<double> a = in, b;
    auto clip_edge = [&](auto inside, auto intersect) {
        b.clear();
        const std::size_t n = a.size() / 2;
        if (n == 0) return;
        for (std::size_t i = 0; i < n; ++i) {
            const double cx = a[2 * i], cy = a[2 * i + 1];
            const std::size_t j = (i + n - 1) % n;
            const double px = a[2 * j], py = a[2 * j + 1];
            const bool cin = inside(cx, cy), pin = inside(px, py);
            if (cin) {
                if (!pin) intersect(px, py, cx, cy, b);
                b.push_back(cx);
                b.push_back(cy);
            } else if (pin) {
                intersect(px, py, cx, cy, b);
            }
        }
        a.swap(b);
    };
    auto at_x = [](double x) {
        return [x](double px, double py, double cx, double cy, std::vector<double>& o) {
            const double t = (x - px) / (cx - px);
            o.push_back(x);
            o.push_back(py + t * (cy - py));
        };
    };
    auto at_y = [](double y) {
        return [y](double px, double py, double cx, double cy, std::vector<double>& o) {
            const double t = (y - py) / (cy - py);
            o.push_back(px + t * (cx - px));
            o.push_back(y);
        };
    };
    clip_edge([&](double x, double) { return x >= r.x0; }, at_x(r.x0));
    clip_edge([&](double x, double) { return x <= r.x1; }, at_x(r.x1));
    clip_edge([&](double, double y) { return y >= r.y0; }, at_y(r.y0));
    clip_edge([&](double, double y) { return y <= r.y1; }, at_y(r.y1));
    out.swap(a);
}

// The point inside a ring farthest from its edges, on a coarse grid: where
// a country's name fits best (the centroid of a crescent falls outside it).
std::optional<XY> label_point(const double* p, std::size_t n, const Box& bb) {
    auto inside = [&](double x, double y) {
        bool in = false;
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const double xi = p[2 * i], yi = p[2 * i + 1], xj = p[2 * j], yj = p[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) in = !in;
        }
        return in;
    };
    auto edge_distance2 = [&](double x, double y) {
        double best = 1e300;
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const double ax = p[2 * j], ay = p[2 * j + 1], bx = p[2 * i], by = p[2 * i + 1];
            const double dx = bx - ax, dy = by - ay;
            const double len2 = dx * dx + dy * dy;
            double t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
            t = std::clamp(t, 0.0, 1.0);
            const double ex = ax + t * dx - x, ey = ay + t * dy - y;
            best = std::min(best, ex * ex + ey * ey);
        }
        return best;
    };
    const int g = 14;
    std::optional<XY> best;
    double best_d = -1;
    for (int i = 1; i < g; ++i) {
        for (int j = 1; j < g; ++j) {
            const double x = bb.x0 + bb.width() * i / g, y = bb.y0 + bb.height() * j / g;
            if (!inside(x, y)) continue;
            const double d = edge_distance2(x, y);
            if (d > best_d) {
                best_d = d;
                best = XY{x, y};
            }
        }
    }
    return best;
}

}  // namespace conflictmap::render::detail
