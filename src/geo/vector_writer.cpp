#include "geo/vector_writer.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <random>

#include "core/error.hpp"

namespace conflictmap::geo {

namespace fs = std::filesystem;

struct VectorWriter::Impl {
    std::string path, temp_base, temp_path;
    GDALDatasetH ds = nullptr;
    OGRLayerH layer = nullptr;
    std::vector<Field> fields;
    bool closed = false;

    // Every file GDAL made for the temporary name (the .shp and its sidecars).
    std::vector<fs::path> temp_files() const {
        std::vector<fs::path> out;
        const fs::path base(temp_base);
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(base.parent_path().empty() ? "." : base.parent_path(), ec)) {
            const std::string name = e.path().filename().string();
            if (name.rfind(base.filename().string(), 0) == 0) out.push_back(e.path());
        }
        return out;
    }
};

bool VectorWriter::can_write(const std::string& driver) {
    GDALAllRegister();
    GDALDriverH d = GDALGetDriverByName(driver.c_str());
    if (!d) return false;
    return GDALGetMetadataItem(d, GDAL_DCAP_VECTOR, nullptr) != nullptr &&
           GDALGetMetadataItem(d, GDAL_DCAP_CREATE, nullptr) != nullptr;
}

VectorWriter::VectorWriter(const std::string& path, const std::string& driver, const std::string& layer,
                           const std::vector<Field>& fields)
    : m(std::make_unique<Impl>()) {
    GDALAllRegister();
    m->path = path;
    m->fields = fields;
    GDALDriverH d = GDALGetDriverByName(driver.c_str());
    if (!d) throw Error("GDAL has no vector driver named '" + driver + "'");
    const fs::path target(path);
    std::error_code ec;
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    if (!fs::is_directory(dir, ec)) throw IoError(path, "create", ENOENT);
    std::random_device rd;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(rd()));
    m->temp_base = (target.parent_path() / ("." + target.stem().string() + ".tmp" + suffix)).string();
    m->temp_path = m->temp_base + target.extension().string();
    m->ds = GDALCreate(d, m->temp_path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!m->ds) throw LibraryError("GDAL", "cannot create " + path + " as " + driver + ": " + CPLGetLastErrorMsg());
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4326);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    // Shapefiles default to ISO-8859-1 attributes: ask for UTF-8 ("Xankəndi").
    char* utf8[] = {const_cast<char*>("ENCODING=UTF-8"), nullptr};
    m->layer = GDALDatasetCreateLayer(m->ds, layer.c_str(), srs, wkbPoint,
                                      driver == "ESRI Shapefile" ? utf8 : nullptr);
    OSRDestroySpatialReference(srs);
    if (!m->layer) throw LibraryError("GDAL", "cannot create layer in " + path + ": " + CPLGetLastErrorMsg());
    for (const auto& f : fields) {
        const OGRFieldType t = f.type == Type::String    ? OFTString
                               : f.type == Type::Integer ? OFTInteger64
                                                         : OFTReal;
        OGRFieldDefnH def = OGR_Fld_Create(f.name.c_str(), t);
        const OGRErr err = OGR_L_CreateField(m->layer, def, TRUE);
        OGR_Fld_Destroy(def);
        if (err != OGRERR_NONE) throw LibraryError("GDAL", "cannot add field " + f.name + " to " + path);
    }
    // One transaction for the whole layer: GeoPackage writes 100x faster.
    // Drivers without transactions (Shapefile) answer "unsupported": fine.
    if (const OGRErr e = OGR_L_StartTransaction(m->layer); e != OGRERR_NONE && e != OGRERR_UNSUPPORTED_OPERATION)
        throw LibraryError("GDAL", "cannot start writing " + path + ": " + CPLGetLastErrorMsg());
}

VectorWriter::~VectorWriter() {
    if (!m->closed) {
        if (m->ds) GDALClose(m->ds);
        for (const auto& f : m->temp_files()) {
            std::error_code ec;
            fs::remove(f, ec);
        }
    }
}

void VectorWriter::add_point(double lon, double lat, const std::vector<Value>& values) {
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(m->layer));
    for (std::size_t i = 0; i < values.size() && i < m->fields.size(); ++i) {
        const auto idx = static_cast<int>(i);
        if (const auto* s = std::get_if<std::string>(&values[i])) OGR_F_SetFieldString(f, idx, s->c_str());
        else if (const auto* n = std::get_if<std::int64_t>(&values[i])) OGR_F_SetFieldInteger64(f, idx, *n);
        else if (const auto* d = std::get_if<double>(&values[i])) OGR_F_SetFieldDouble(f, idx, *d);
        else OGR_F_SetFieldNull(f, idx);
    }
    OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(g, 0, lon, lat);
    OGR_F_SetGeometryDirectly(f, g);
    const OGRErr err = OGR_L_CreateFeature(m->layer, f);
    OGR_F_Destroy(f);
    if (err != OGRERR_NONE) throw LibraryError("GDAL", "cannot write a feature to " + m->path + ": " + CPLGetLastErrorMsg());
}

void VectorWriter::close() {
    const OGRErr commit = OGR_L_CommitTransaction(m->layer);
    if (commit != OGRERR_NONE && commit != OGRERR_UNSUPPORTED_OPERATION)
        throw LibraryError("GDAL", "cannot write " + m->path + ": " + CPLGetLastErrorMsg());
    GDALClose(m->ds);
    m->ds = nullptr;
    // Rename every file of the temporary name to the target's name.
    const std::string tmp_stem = fs::path(m->temp_base).filename().string();
    const fs::path target(m->path);
    for (const auto& f : m->temp_files()) {
        const std::string rest = f.filename().string().substr(tmp_stem.size());  // ".shp", ".dbf" ...
        const fs::path dest = target.parent_path() / (target.stem().string() + rest);
        if (std::rename(f.c_str(), dest.c_str()) != 0) throw IoError(dest.string(), "rename to", errno);
    }
    m->closed = true;
}

}  // namespace conflictmap::geo
