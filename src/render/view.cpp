#include "render/view.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/error.hpp"
#include "geo/ogr_source.hpp"

namespace conflictmap::render {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kEarthCircumference = 2 * M_PI * 6378137.0;

double lon_span(const geo::LonLatBox& b) {
    double span = b.east - b.west;
    if (span < 0) span += 360;
    return span;
}

// Projected bounds of a longitude/latitude box: its outline densified (a
// straight edge in degrees is a curve in most projections) plus its centre.
std::array<double, 4> projected_bounds(const geo::Projection& proj, const geo::LonLatBox& b) {
    const int n = 32;
    std::vector<double> xs, ys;
    const double span = lon_span(b);
    for (int i = 0; i <= n; ++i) {
        const double t = static_cast<double>(i) / n;
        for (int j = 0; j <= n; ++j) {
            // The outline and a coarse grid inside: an azimuthal projection's
            // extreme x may lie inside the box's edges.
            if (i != 0 && i != n && j != 0 && j != n && (i % 8 || j % 8)) continue;
            const double u = static_cast<double>(j) / n;
            double lon = b.west + span * t;
            if (lon > 180) lon -= 360;
            xs.push_back(lon);
            ys.push_back(b.south + (b.north - b.south) * u);
        }
    }
    proj.forward(xs.data(), ys.data(), xs.size());
    std::array<double, 4> r{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                            std::numeric_limits<double>::lowest(),
                            std::numeric_limits<double>::lowest()};
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (std::isnan(xs[i])) continue;
        r[0] = std::min(r[0], xs[i]);
        r[1] = std::min(r[1], ys[i]);
        r[2] = std::max(r[2], xs[i]);
        r[3] = std::max(r[3], ys[i]);
    }
    if (r[0] > r[2]) throw Error("the extent cannot be shown in the projection " + proj.crs());
    return r;
}

}  // namespace

std::string auto_crs(const geo::LonLatBox& b) {
    const double span = lon_span(b);
    const double mid_lat = (b.south + b.north) / 2;
    const double across = std::max(span * std::cos(mid_lat * M_PI / 180), b.north - b.south);
    const double polar = std::max(std::abs(b.south), std::abs(b.north));
    if (across <= 25 && polar < 72) {
        if (b.west <= b.east) return "EPSG:3857";
        // Across 180° (Fiji, Chukotka): Mercator centred on the box, so the
        // map's seam lies on the far side of the world.
        double lon_c = b.west + span / 2;
        if (lon_c > 180) lon_c -= 360;
        char buf[128];
        std::snprintf(buf, sizeof buf, "+proj=merc +lon_0=%.2f +datum=WGS84 +units=m +no_defs",
                      lon_c);
        return buf;
    }
    if (span >= 200 || across >= 140)
        return "+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs";
    double lon_c = b.west + span / 2;
    if (lon_c > 180) lon_c -= 360;
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "+proj=laea +lat_0=%.2f +lon_0=%.2f +datum=WGS84 +units=m +no_defs", mid_lat,
                  lon_c);
    return buf;
}

geo::LonLatBox bounds_of(const std::vector<LonLat>& points) {
    geo::LonLatBox b{180, 90, -180, -90};
    std::vector<std::pair<double, double>> lons;
    for (const auto& p : points) {
        b.south = std::min(b.south, p.lat);
        b.north = std::max(b.north, p.lat);
        lons.emplace_back(p.lon, p.lon);
    }
    const auto [w, e] = geo::covering_arc(lons);
    b.west = w;
    b.east = e;
    return b;
}

std::pair<double, double> scale_bar_length(double metres_per_unit, double max_units) {
    const double max_m = metres_per_unit * max_units;
    double best = 0;
    for (double p = std::pow(10.0, std::floor(std::log10(max_m)) - 1); p <= max_m * 10; p *= 10)
        for (double f : {1.0, 2.0, 5.0})
            if (f * p <= max_m) best = std::max(best, f * p);
    return {best, best / metres_per_unit};
}

MapView::MapView(const std::string& crs, double min_x, double min_y, double max_x, double max_y,
                 const Box& frame)
    : m_projection(std::make_unique<geo::Projection>(crs)), m_frame(frame) {
    fit(min_x, min_y, max_x, max_y, frame);
}

MapView::MapView(const ExtentRequest& r, const Box& frame, const Box& inner) : m_frame(frame) {
    if (r.center) {
        m_projection = std::make_unique<geo::Projection>(r.crs.empty() ? "EPSG:3857" : r.crs);
        const XY c = m_projection->forward(*r.center);
        if (std::isnan(c.x)) throw Error("the centre cannot be shown in the projection " + r.crs);
        // Web-map zoom: the equator's circumference over 256 × 2^zoom pixels.
        double res = kEarthCircumference / (256 * std::pow(2.0, r.zoom));
        if (!m_projection->is_web_mercator()) res *= std::cos(r.center->lat * M_PI / 180);
        m_scale = r.device_per_px / res;
        m_min_x = c.x - (frame.width() / 2) / m_scale;
        m_max_y = c.y + (frame.height() / 2) / m_scale;
        return;
    }
    geo::LonLatBox box;
    bool automatic = false;
    if (r.bbox) {
        box = *r.bbox;
    } else if (!r.points.empty()) {
        box = bounds_of(r.points);
        automatic = true;
    } else {
        box = {-180, -60, 180, 80};  // nothing to show: the world
    }
    // A lone point or a tight group: at least ~100 km around it, so the
    // reader sees where it is.
    if (automatic) {
        const LonLat c{box.west + lon_span(box) / 2, (box.south + box.north) / 2};
        const double min_half = 50'000;
        const LonLat e = geo::geodesic_destination(c, 90, min_half);
        const LonLat n = geo::geodesic_destination(c, 0, min_half);
        const double half_lon = std::abs(e.lon - c.lon), half_lat = std::abs(n.lat - c.lat);
        if (lon_span(box) < 2 * half_lon) {
            box.west = c.lon - half_lon;
            box.east = c.lon + half_lon;
        }
        if (box.north - box.south < 2 * half_lat) {
            box.south = c.lat - half_lat;
            box.north = c.lat + half_lat;
        }
    }
    m_projection = std::make_unique<geo::Projection>(r.crs.empty() ? auto_crs(box) : r.crs);
    auto [x0, y0, x1, y1] = projected_bounds(*m_projection, box);
    if (automatic) {
        const double pad = r.padding * std::max(x1 - x0, y1 - y0);
        x0 -= pad;
        x1 += pad;
        y0 -= pad;
        y1 += pad;
        fit(x0, y0, x1, y1, inner);
    } else {
        fit(x0, y0, x1, y1, frame);
    }
}

void MapView::fit(double x0, double y0, double x1, double y1, const Box& into) {
    const double w = std::max(x1 - x0, 1e-9), h = std::max(y1 - y0, 1e-9);
    m_scale = std::min(into.width() / w, into.height() / h);
    // The box's centre goes to the centre of `into`; the frame around it
    // shows whatever else fits.
    const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    const double icx = (into.x0 + into.x1) / 2, icy = (into.y0 + into.y1) / 2;
    m_min_x = cx - (icx - m_frame.x0) / m_scale;
    m_max_y = cy + (icy - m_frame.y0) / m_scale;
}

XY MapView::device(LonLat p) const {
    const XY q = m_projection->forward(p);
    if (std::isnan(q.x)) return {kNaN, kNaN};
    return to_device(q);
}

LonLat MapView::centre() const {
    return lonlat({(m_frame.x0 + m_frame.x1) / 2, (m_frame.y0 + m_frame.y1) / 2});
}

double MapView::metres_per_unit() const {
    const double cx = (m_frame.x0 + m_frame.x1) / 2, cy = (m_frame.y0 + m_frame.y1) / 2;
    const double d = m_frame.width() / 20;
    const LonLat a = lonlat({cx - d / 2, cy}), b = lonlat({cx + d / 2, cy});
    if (std::isnan(a.lon) || std::isnan(b.lon)) return kNaN;
    return geo::geodesic_distance(a, b) / d;
}

std::vector<LonLat> MapView::outline(int n) const {
    std::vector<LonLat> out;
    const Box& f = m_frame;
    auto add = [&](double x, double y) {
        const LonLat p = lonlat({x, y});
        if (!std::isnan(p.lon)) out.push_back(p);
    };
    for (int i = 0; i < n; ++i) add(f.x0 + f.width() * i / n, f.y0);
    for (int i = 0; i < n; ++i) add(f.x1, f.y0 + f.height() * i / n);
    for (int i = 0; i < n; ++i) add(f.x1 - f.width() * i / n, f.y1);
    for (int i = 0; i < n; ++i) add(f.x0, f.y1 - f.height() * i / n);
    return out;
}

geo::LonLatBox MapView::lonlat_bounds() const {
    const auto pts = outline(24);
    if (pts.size() < 96) return {};  // the frame reaches past the globe
    geo::LonLatBox b = bounds_of(pts);
    // The outline misses a pole inside the frame.
    for (double pole : {90.0, -90.0}) {
        const XY d = device({0, pole});
        if (!std::isnan(d.x) && d.x >= m_frame.x0 && d.x <= m_frame.x1 && d.y >= m_frame.y0 &&
            d.y <= m_frame.y1) {
            b.west = -180;
            b.east = 180;
            (pole > 0 ? b.north : b.south) = pole;
        }
    }
    // Longitudes jump at 180° inside the frame: no filter on longitude.
    if (lon_span(b) > 300) {
        b.west = -180;
        b.east = 180;
    }
    return b;
}

double MapView::north_angle() const {
    const LonLat c = centre();
    const XY a = device(c);
    const XY b = device({c.lon, std::min(89.9, c.lat + 0.1)});
    if (std::isnan(a.x) || std::isnan(b.x)) return 0;
    return std::atan2(b.x - a.x, a.y - b.y);
}

}  // namespace conflictmap::render
