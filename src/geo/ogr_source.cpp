#include "geo/ogr_source.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "core/error.hpp"
#include "geo/detail/gdal_handles.hpp"
#include "geo/vector_layer.hpp"

namespace conflictmap::geo {

namespace {

using namespace detail;


// Collects the [west, east] of every part, so multi-part features spanning
// the antimeridian get a sensible box.
void collect_parts(OGRGeometryH g, std::vector<std::pair<double, double>>& lon_parts,
                   double& south, double& north) {
    const int n = OGR_G_GetGeometryCount(g);
    const auto type = wkbFlatten(OGR_G_GetGeometryType(g));
    if (n > 0 && (type == wkbMultiPolygon || type == wkbMultiLineString ||
                  type == wkbMultiPoint || type == wkbGeometryCollection)) {
        for (int i = 0; i < n; ++i) collect_parts(OGR_G_GetGeometryRef(g, i), lon_parts, south, north);
        return;
    }
    OGREnvelope env;
    OGR_G_GetEnvelope(g, &env);
    lon_parts.emplace_back(env.MinX, env.MaxX);
    south = std::min(south, env.MinY);
    north = std::max(north, env.MaxY);
}

}  // namespace

std::string VectorFeature::field(std::initializer_list<const char*> names) const {
    for (const char* n : names) {
        const auto it = fields.find(n);
        if (it != fields.end() && !it->second.empty()) return it->second;
    }
    return {};
}

std::pair<double, double> covering_arc(std::vector<std::pair<double, double>> parts) {
    if (parts.empty()) return {NAN, NAN};
    std::sort(parts.begin(), parts.end());
    // Merge overlapping intervals, then find the widest gap between them
    // (including the one across 180°); the box is the circle minus that gap.
    std::vector<std::pair<double, double>> merged;
    for (const auto& p : parts) {
        if (!merged.empty() && p.first <= merged.back().second) {
            merged.back().second = std::max(merged.back().second, p.second);
        } else {
            merged.push_back(p);
        }
    }
    double best_gap = (merged.front().first + 360.0) - merged.back().second;
    double west = merged.front().first;
    double east = merged.back().second;
    for (std::size_t i = 1; i < merged.size(); ++i) {
        const double gap = merged[i].first - merged[i - 1].second;
        if (gap > best_gap) {
            best_gap = gap;
            west = merged[i].first;
            east = merged[i - 1].second;
        }
    }
    return {west, east};
}

void read_vector_features(const std::string& path,
                          const std::function<void(const VectorFeature&)>& visit,
                          bool surface_points) {
    register_gdal();
    // A CSV's point columns: GDAL only builds points when told their names.
    // The options are passed to the CSV driver alone (others would warn).
    const bool csv = path.size() > 4 && lower_ascii(path.substr(path.size() - 4)) == ".csv";
    static const char* const kCsvDrivers[] = {"CSV", nullptr};
    static const char* const kCsvOptions[] = {
        "X_POSSIBLE_NAMES=lon,longitude,lng,long,x", "Y_POSSIBLE_NAMES=lat,latitude,y",
        nullptr};
    DatasetPtr ds(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, csv ? kCsvDrivers : nullptr,
                   csv ? kCsvOptions : nullptr, nullptr));
    if (!ds) {
        throw DataError(path, 0, std::string("GDAL/OGR cannot read it as a vector file: ") +
                                     CPLGetLastErrorMsg());
    }
    SrsPtr wgs84(
        OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(wgs84.get(), 4326);
    OSRSetAxisMappingStrategy(wgs84.get(), OAMS_TRADITIONAL_GIS_ORDER);

    const int layers = GDALDatasetGetLayerCount(ds.get());
    for (int li = 0; li < layers; ++li) {
        OGRLayerH layer = GDALDatasetGetLayer(ds.get(), li);
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
        TransformPtr
            transform;
        if (OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer)) {
            if (!OSRIsSame(srs, wgs84.get())) {
                transform.reset(OCTNewCoordinateTransformation(srs, wgs84.get()));
                if (!transform)
                    throw DataError(path, 0, "cannot transform its CRS to WGS 84");
            }
        }
        const int field_count = OGR_FD_GetFieldCount(defn);
        std::vector<std::string> field_names;
        for (int i = 0; i < field_count; ++i)
            field_names.push_back(lower_ascii(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))));

        OGR_L_ResetReading(layer);
        for (;;) {
            FeaturePtr f(
                OGR_L_GetNextFeature(layer));
            if (!f) break;
            VectorFeature out;
            out.fid = OGR_F_GetFID(f.get());
            for (int i = 0; i < field_count; ++i) {
                if (OGR_F_IsFieldSetAndNotNull(f.get(), i))
                    out.fields[field_names[i]] = OGR_F_GetFieldAsString(f.get(), i);
            }
            if (OGRGeometryH g0 = OGR_F_GetGeometryRef(f.get()); g0 && !OGR_G_IsEmpty(g0)) {
                GeometryPtr g(OGR_G_Clone(g0));
                if (transform && OGR_G_Transform(g.get(), transform.get()) != OGRERR_NONE)
                    throw DataError(path, 0,
                                    "feature " + std::to_string(out.fid) + ": cannot reproject");
                const auto type = wkbFlatten(OGR_G_GetGeometryType(g.get()));
                if (type == wkbPoint) {
                    out.has_point = true;
                    out.lon = OGR_G_GetX(g.get(), 0);
                    out.lat = OGR_G_GetY(g.get(), 0);
                } else {
                    // A point on the surface, not the centroid: the centroid of
                    // a crescent-shaped province can fall outside it.
                    GeometryPtr p(surface_points ? OGR_G_PointOnSurface(g.get()) : nullptr);
                    if (!p) {
                        OGREnvelope env;
                        OGR_G_GetEnvelope(g.get(), &env);
                        out.lon = (env.MinX + env.MaxX) / 2;
                        out.lat = (env.MinY + env.MaxY) / 2;
                    } else {
                        out.lon = OGR_G_GetX(p.get(), 0);
                        out.lat = OGR_G_GetY(p.get(), 0);
                    }
                    out.has_point = true;
                    std::vector<std::pair<double, double>> parts;
                    double south = 90, north = -90;
                    collect_parts(g.get(), parts, south, north);
                    const auto [w, e] = covering_arc(parts);
                    out.bbox = {w, south, e, north};
                }
            }
            visit(out);
        }
    }
}

}  // namespace conflictmap::geo
