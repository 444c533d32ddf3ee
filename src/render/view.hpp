#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/projection.hpp"
#include "geo/vector_layer.hpp"

namespace conflictmap::render {

using geo::LonLat;
using geo::XY;

// An axis-aligned rectangle in device units.
struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
    bool intersects(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    bool contains(const Box& o) const {
        return o.x0 >= x0 && o.x1 <= x1 && o.y0 >= y0 && o.y1 <= y1;
    }
    Box grown(double d) const { return {x0 - d, y0 - d, x1 + d, y1 + d}; }
};

// What the map should show, before fitting it to the page: exactly one of
// a box, a centre and zoom, or the points to fit (automatic extent).
struct ExtentRequest {
    std::optional<geo::LonLatBox> bbox;
    std::optional<LonLat> center;
    double zoom = 0;             // with center: web-map zoom level (0 = the world in 256 px)
    std::vector<LonLat> points;  // automatic: the features to show
    std::string crs;             // empty: chosen from the extent
    double padding = 0.12;       // automatic: fraction of the extent added on each side
    double device_per_px = 1;    // device units per style pixel (for the zoom's resolution)
};

// A projection and the affine map from projected to device coordinates for
// a frame (the whole page). Holds its Projection: one view per thread.
class MapView {
  public:
    // Fits the request into `frame`; the automatic extent goes into `inner`
    // (the frame less the room the title and legend take).
    MapView(const ExtentRequest& request, const Box& frame, const Box& inner);
    // A view of a given projection and projected box centred in `frame`.
    MapView(const std::string& crs, double min_x, double min_y, double max_x, double max_y,
            const Box& frame);

    const geo::Projection& projection() const { return *m_projection; }
    const Box& frame() const { return m_frame; }
    double scale() const { return m_scale; }  // device units per projected unit

    XY to_device(XY p) const {
        return {m_frame.x0 + (p.x - m_min_x) * m_scale, m_frame.y0 + (m_max_y - p.y) * m_scale};
    }
    XY from_device(XY d) const {
        return {m_min_x + (d.x - m_frame.x0) / m_scale, m_max_y - (d.y - m_frame.y0) / m_scale};
    }
    // NaN when the point cannot be projected.
    XY device(LonLat p) const;
    LonLat lonlat(XY device) const { return m_projection->inverse(from_device(device)); }

    LonLat centre() const;
    // Ground metres per device unit at the frame's centre, measured along
    // the horizontal on the ellipsoid (what the scale bar shows).
    double metres_per_unit() const;
    // The longitude/latitude box the frame covers (for filtering the
    // basemap); the whole world when the frame reaches past the globe.
    geo::LonLatBox lonlat_bounds() const;
    // The frame's outline in longitude/latitude, `n` points a side (the
    // inset draws it on its own projection).
    std::vector<LonLat> outline(int n = 16) const;
    // The direction of north at the centre: radians clockwise from "up".
    double north_angle() const;

  private:
    void fit(double x0, double y0, double x1, double y1, const Box& into);
    std::unique_ptr<geo::Projection> m_projection;
    Box m_frame;
    double m_min_x = 0, m_max_y = 0, m_scale = 1;
};

// The CRS `map` uses for an extent when the user gives none: Web Mercator
// for local maps (at most 25° across, away from the poles), Lambert
// azimuthal equal-area centred on the extent for continents, Equal Earth
// for the world.
std::string auto_crs(const geo::LonLatBox& box);

// The smallest longitude/latitude box around points (across 180° when
// that is smaller).
geo::LonLatBox bounds_of(const std::vector<LonLat>& points);

// A round scale-bar length for `metres_per_unit` that is at most
// `max_units` long: 1, 2 or 5 × 10^n metres. Returns {metres, units}.
std::pair<double, double> scale_bar_length(double metres_per_unit, double max_units);

}  // namespace conflictmap::render
