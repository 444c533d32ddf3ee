#include "geo/projection.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <geodesic.h>
#include <proj.h>

#include "core/error.hpp"

namespace conflictmap::geo {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Web Mercator's sphere radius and the latitude where its square ends.
constexpr double kMercatorRadius = 6378137.0;
constexpr double kMercatorMaxLat = 85.0511287798066;
constexpr double kDegToRad = M_PI / 180.0;

std::string normalise_crs(const std::string& crs) {
    bool digits = !crs.empty();
    for (char c : crs) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    return digits ? "EPSG:" + crs : crs;
}

bool names_web_mercator(const std::string& crs) {
    return crs == "EPSG:3857" || crs == "EPSG:900913" || crs == "EPSG:3785" || crs == "epsg:3857";
}

}  // namespace

struct Projection::Impl {
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
    ~Impl() {
        if (pj) proj_destroy(pj);
        if (ctx) proj_context_destroy(ctx);
    }
};

namespace {

// A PROJ string on the WGS 84 ellipsoid with no datum shift (what auto_crs
// writes): its conversion from degrees can be built as a pipeline without
// opening PROJ's database, which costs 3-7 ms a CRS in a fresh process.
bool is_plain_wgs84_proj_string(const std::string& crs) {
    if (!crs.starts_with("+proj=")) return false;
    if (crs.find("+datum=WGS84") == std::string::npos &&
        crs.find("+ellps=WGS84") == std::string::npos)
        return false;
    for (const char* p : {"+towgs84", "+nadgrids", "+geoidgrids", "+proj=longlat", "+proj=latlong",
                          "+proj=lonlat", "+proj=latlon", "+proj=pipeline", "+init="})
        if (crs.find(p) != std::string::npos) return false;
    return true;
}

double seam_of(const std::string& def) {
    for (const char* azimuthal :
         {"proj=laea", "proj=aeqd", "proj=ortho", "proj=stere", "proj=sterea", "proj=gnom",
          "proj=nsper", "proj=tpers", "proj=ups"}) {
        if (def.find(azimuthal) != std::string::npos) return kNaN;
    }
    double lon0 = 0;
    if (const auto at = def.rfind("lon_0="); at != std::string::npos)
        lon0 = std::atof(def.c_str() + at + 6);
    double seam = lon0 + 180;
    while (seam > 180) seam -= 360;
    while (seam <= -180) seam += 360;
    return seam;
}

}  // namespace

Projection::Projection(const std::string& crs) : m_impl(std::make_unique<Impl>()) {
    m_crs = normalise_crs(crs);
    // Web Mercator is the common case for local maps and is one formula on
    // a sphere: no PROJ object at all (opening PROJ's database for it costs
    // ~6 ms in a fresh process, more than drawing the coastlines).
    m_web_mercator = names_web_mercator(m_crs);
    if (m_web_mercator) {
        m_seam = 180;
        return;
    }
    m_impl->ctx = proj_context_create();
    if (!m_impl->ctx) throw LibraryError("PROJ", "cannot create a context");
    // No network grids: the map must draw offline and fast. Errors are
    // reported through exceptions, not PROJ's own logging on stderr.
    proj_context_set_enable_network(m_impl->ctx, 0);
    proj_log_level(m_impl->ctx, PJ_LOG_NONE);
    if (is_plain_wgs84_proj_string(m_crs)) {
        const std::string pipeline =
            "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step " + m_crs;
        m_impl->pj = proj_create(m_impl->ctx, pipeline.c_str());
        if (m_impl->pj) {
            m_seam = seam_of(m_crs);
            return;
        }
    }
    PJ* raw = proj_create_crs_to_crs(m_impl->ctx, "EPSG:4326", m_crs.c_str(), nullptr);
    if (!raw) {
        const int code = proj_context_errno(m_impl->ctx);
        throw LibraryError(
            "PROJ", "\"" + crs +
                        "\" is not a CRS PROJ knows (give an EPSG code, a PROJ string or WKT): " +
                        proj_context_errno_string(m_impl->ctx, code));
    }
    m_impl->pj = proj_normalize_for_visualization(m_impl->ctx, raw);
    proj_destroy(raw);
    if (!m_impl->pj) throw LibraryError("PROJ", "cannot normalise the axis order of " + crs);
    // The seam from the target CRS's conversion as a PROJ string
    // ("+proj=eqearth +lon_0=17 ..."); a geographic CRS has none (seam 180).
    std::string def;
    if (PJ* target = proj_get_target_crs(m_impl->ctx, m_impl->pj)) {
        if (PJ* op = proj_crs_get_coordoperation(m_impl->ctx, target)) {
            if (const char* d = proj_as_proj_string(m_impl->ctx, op, PJ_PROJ_5, nullptr)) def = d;
            proj_destroy(op);
        }
        proj_destroy(target);
    }
    proj_errno_reset(m_impl->pj);
    m_seam = seam_of(def);
}

Projection::~Projection() = default;
Projection::Projection(Projection&&) noexcept = default;
Projection& Projection::operator=(Projection&&) noexcept = default;

std::string Projection::name() const {
    if (m_web_mercator) return "WGS 84 / Pseudo-Mercator";
    std::string out = m_crs;
    if (PJ* target = proj_get_target_crs(m_impl->ctx, m_impl->pj)) {
        if (const char* n = proj_get_name(target)) out = n;
        proj_destroy(target);
    }
    proj_errno_reset(m_impl->pj);
    return out;
}

XY Projection::forward(LonLat p) const {
    double x = p.lon, y = p.lat;
    forward(&x, &y, 1);
    return {x, y};
}

void Projection::forward(double* xs, double* ys, std::size_t n) const {
    if (m_web_mercator) {
        for (std::size_t i = 0; i < n; ++i) {
            const double lat = std::clamp(ys[i], -kMercatorMaxLat, kMercatorMaxLat);
            xs[i] = kMercatorRadius * xs[i] * kDegToRad;
            ys[i] = kMercatorRadius * std::log(std::tan(M_PI / 4 + lat * kDegToRad / 2));
        }
        return;
    }
    proj_trans_generic(m_impl->pj, PJ_FWD, xs, sizeof(double), n, ys, sizeof(double), n, nullptr, 0,
                       0, nullptr, 0, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]) || std::abs(xs[i]) > 1e20) {
            xs[i] = kNaN;
            ys[i] = kNaN;
        }
    }
    // proj_trans_generic leaves an error set after a failed point; clear it
    // so the next call starts clean.
    proj_errno_reset(m_impl->pj);
}

LonLat Projection::inverse(XY p) const {
    if (m_web_mercator) {
        return {p.x / kMercatorRadius / kDegToRad,
                (2 * std::atan(std::exp(p.y / kMercatorRadius)) - M_PI / 2) / kDegToRad};
    }
    PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
    PJ_COORD r = proj_trans(m_impl->pj, PJ_INV, c);
    proj_errno_reset(m_impl->pj);
    if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y) || std::abs(r.xy.x) > 1e20)
        return {kNaN, kNaN};
    return {r.lp.lam, r.lp.phi};
}

double geodesic_distance(LonLat a, LonLat b) {
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257223563);
    double s12 = 0, azi1 = 0, azi2 = 0;
    geod_inverse(&g, a.lat, a.lon, b.lat, b.lon, &s12, &azi1, &azi2);
    return s12;
}

LonLat geodesic_destination(LonLat from, double azimuth, double distance) {
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257223563);
    double lat2 = 0, lon2 = 0, azi2 = 0;
    geod_direct(&g, from.lat, from.lon, azimuth, distance, &lat2, &lon2, &azi2);
    return {lon2, lat2};
}

}  // namespace conflictmap::geo
