#pragma once

#include <memory>
#include <string>
#include <vector>

namespace conflictmap::geo {

struct LonLat {
    double lon = 0;
    double lat = 0;
};

struct XY {
    double x = 0;
    double y = 0;
};

// A map projection from WGS 84 longitude/latitude to a projected CRS, through
// PROJ. The CRS is anything PROJ understands: "EPSG:3857", a bare EPSG code
// ("3035"), a PROJ string ("+proj=laea +lat_0=40 +lon_0=45"), WKT or PROJJSON.
// Axis order is always longitude/easting first (proj_normalize_for_visualization).
//
// PROJ contexts are not thread-safe: each Projection owns its own PJ_CONTEXT,
// so one Projection must be used by one thread at a time; a tile server makes
// one per worker thread (copying is disabled on purpose).
class Projection {
  public:
    explicit Projection(const std::string& crs);
    ~Projection();
    Projection(const Projection&) = delete;
    Projection& operator=(const Projection&) = delete;
    Projection(Projection&&) noexcept;
    Projection& operator=(Projection&&) noexcept;

    const std::string& crs() const { return m_crs; }
    // A readable name of the target CRS ("WGS 84 / Pseudo-Mercator").
    std::string name() const;
    bool is_web_mercator() const { return m_web_mercator; }
    // The meridian where the map is cut (the central meridian + 180°) for
    // cylindrical and pseudo-cylindrical projections; NaN for azimuthal
    // ones, which have no seam (LAEA, orthographic, stereographic ...).
    double seam_longitude() const { return m_seam; }

    // One point; NaN coordinates when the point cannot be projected (the far
    // side of an azimuthal projection, a pole in Mercator).
    XY forward(LonLat p) const;
    LonLat inverse(XY p) const;

    // In place, for many points at once: `xs` are longitudes in, eastings
    // out (same for ys). Points PROJ cannot project come back as NaN.
    void forward(double* xs, double* ys, std::size_t n) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_crs;
    bool m_web_mercator = false;
    double m_seam = 180;
};

// The geodesic distance in metres between two points on the WGS 84
// ellipsoid (Karney's algorithm, as PROJ ships it in geodesic.h).
double geodesic_distance(LonLat a, LonLat b);

// The point `distance` metres from `from` along `azimuth` (degrees clockwise
// from north) on the WGS 84 ellipsoid.
LonLat geodesic_destination(LonLat from, double azimuth, double distance);

}  // namespace conflictmap::geo
