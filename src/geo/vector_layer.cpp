#include "geo/vector_layer.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/error.hpp"
#include "geo/detail/gdal_handles.hpp"

namespace conflictmap::geo {

namespace {

using namespace detail;


void append_points(OGRGeometryH g, Shape& out) {
    const int n = OGR_G_GetPointCount(g);
    if (n <= 0) return;
    const std::size_t at = out.xy.size();
    out.xy.resize(at + 2 * static_cast<std::size_t>(n));
    OGR_G_GetPoints(g, out.xy.data() + at, 2 * sizeof(double), out.xy.data() + at + 1,
                    2 * sizeof(double), nullptr, 0);
    out.parts.push_back(static_cast<std::uint32_t>(n));
}

// Flattens any simple-feature geometry into rings/lines/points of one kind;
// a collection mixing kinds keeps the kind of its first member.
void flatten(OGRGeometryH g, Shape& out, bool& kind_set) {
    const auto type = wkbFlatten(OGR_G_GetGeometryType(g));
    switch (type) {
        case wkbPoint:
        case wkbLineString:
            if (!kind_set) out.kind = type == wkbPoint ? Shape::Kind::Point : Shape::Kind::Line;
            kind_set = true;
            append_points(g, out);
            return;
        case wkbPolygon:
            if (!kind_set) out.kind = Shape::Kind::Polygon;
            kind_set = true;
            for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i)
                append_points(OGR_G_GetGeometryRef(g, i), out);
            return;
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i)
                flatten(OGR_G_GetGeometryRef(g, i), out, kind_set);
            return;
        default: {
            // Curves and surfaces: their linear approximation.
            GeometryPtr linear(
                OGR_G_GetLinearGeometry(g, 0, nullptr));
            if (linear && wkbFlatten(OGR_G_GetGeometryType(linear.get())) != type)
                flatten(linear.get(), out, kind_set);
            return;
        }
    }
}

}  // namespace

void register_gdal() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

std::vector<Shape> read_shapes(const std::string& path, const LayerQuery& query) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw MissingDataError("no such file: " + path);
    register_gdal();
    CPLErrorReset();
    // The driver from the extension when it is one of the basemap's: asking
    // every driver whether it knows the file costs milliseconds.
    const std::string ext = lower_ascii(std::filesystem::path(path).extension().string());
    static const char* const kFgb[] = {"FlatGeobuf", nullptr};
    static const char* const kJson[] = {"GeoJSON", "TopoJSON", "ESRIJSON", nullptr};
    const char* const* drivers = ext == ".fgb"                           ? kFgb
                                 : (ext == ".json" || ext == ".geojson") ? kJson
                                                                         : nullptr;
    DatasetPtr ds(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds) {
        throw DataError(
            path, 0,
            std::string("GDAL/OGR cannot read it as a vector file: ") + CPLGetLastErrorMsg());
    }
    OGRLayerH layer = query.layer.empty()
                          ? GDALDatasetGetLayer(ds.get(), 0)
                          : GDALDatasetGetLayerByName(ds.get(), query.layer.c_str());
    if (!layer) throw DataError(path, 0, "no layer \"" + query.layer + "\"");

    SrsPtr wgs84(
        OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(wgs84.get(), 4326);
    OSRSetAxisMappingStrategy(wgs84.get(), OAMS_TRADITIONAL_GIS_ORDER);
    TransformPtr
        transform;
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (srs && !OSRIsSame(srs, wgs84.get())) {
        transform.reset(OCTNewCoordinateTransformation(srs, wgs84.get()));
        if (!transform) throw DataError(path, 0, "cannot transform its CRS to WGS 84");
    }
    // The filter is in longitude/latitude: only usable as is on a layer in
    // WGS 84 (every basemap file is). A box across 180° is its two halves.
    std::vector<LonLatBox> passes{LonLatBox{}};
    bool filtered = query.filter && !transform;
    if (filtered) {
        const auto& f = *query.filter;
        passes = f.west <= f.east ? std::vector<LonLatBox>{f}
                                  : std::vector<LonLatBox>{{f.west, f.south, 180, f.north},
                                                           {-180, f.south, f.east, f.north}};
    }

    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    std::vector<std::pair<int, std::string>> wanted;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
        const std::string name = lower_ascii(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
        if (std::find(query.fields.begin(), query.fields.end(), name) != query.fields.end())
            wanted.emplace_back(i, name);
    }
    // Skip attributes nobody asked for (FlatGeobuf and GeoPackage then never decode them).
    if (wanted.size() < static_cast<std::size_t>(OGR_FD_GetFieldCount(defn))) {
        std::vector<const char*> ignored;
        std::vector<std::string> keep;
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
            const bool used = std::any_of(wanted.begin(), wanted.end(),
                                          [i](const auto& w) { return w.first == i; });
            if (!used) ignored.push_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
        }
        ignored.push_back(nullptr);
        OGR_L_SetIgnoredFields(layer, ignored.data());
    }

    std::vector<Shape> out;
    std::set<std::int64_t> seen;  // a feature met by both halves is read once
    for (std::size_t pass = 0; pass < passes.size(); ++pass) {
        if (filtered) {
            const auto& f = passes[pass];
            OGR_L_SetSpatialFilterRect(layer, f.west, f.south, f.east, f.north);
        }
        OGR_L_ResetReading(layer);
        for (;;) {
            FeaturePtr f(
                OGR_L_GetNextFeature(layer));
            if (!f) break;
            if (passes.size() > 1 && !seen.insert(OGR_F_GetFID(f.get())).second) continue;
            OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
            if (!g || OGR_G_IsEmpty(g)) continue;
            if (transform && OGR_G_Transform(g, transform.get()) != OGRERR_NONE)
                throw DataError(
                    path, 0,
                    "feature " + std::to_string(OGR_F_GetFID(f.get())) + ": cannot reproject");
            Shape s;
            s.fid = OGR_F_GetFID(f.get());
            bool kind_set = false;
            flatten(g, s, kind_set);
            if (s.parts.empty()) continue;
            for (const auto& [i, name] : wanted)
                if (OGR_F_IsFieldSetAndNotNull(f.get(), i))
                    s.fields[name] = OGR_F_GetFieldAsString(f.get(), i);
            out.push_back(std::move(s));
        }
    }
    if (CPLGetLastErrorType() >= CE_Failure && out.empty())
        throw DataError(path, 0, std::string("GDAL/OGR: ") + CPLGetLastErrorMsg());
    return out;
}

}  // namespace conflictmap::geo
