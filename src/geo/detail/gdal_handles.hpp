#pragma once

// Deleters for GDAL/OGR C handles, so each is owned by a std::unique_ptr
// (one place for them: geo/ is the only home of raw GDAL handles).

#include <memory>
#include <string>
#include <type_traits>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

namespace conflictmap::geo::detail {

struct DatasetCloser {
    void operator()(void* ds) const { GDALClose(ds); }
};
struct FeatureDestroyer {
    void operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
};
struct GeometryDestroyer {
    void operator()(OGRGeometryH g) const { OGR_G_DestroyGeometry(g); }
};
struct SrsDestroyer {
    void operator()(OGRSpatialReferenceH s) const { OSRDestroySpatialReference(s); }
};
struct TransformDestroyer {
    void operator()(OGRCoordinateTransformationH t) const { OCTDestroyCoordinateTransformation(t); }
};

// ASCII lower case, for field names and file extensions (OGR compares them
// case-insensitively; we index them by lower-case name).
inline std::string lower_ascii(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return s;
}

using DatasetPtr = std::unique_ptr<void, DatasetCloser>;
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroyer>;
using GeometryPtr = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryDestroyer>;
using SrsPtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsDestroyer>;
using TransformPtr = std::unique_ptr<std::remove_pointer_t<OGRCoordinateTransformationH>, TransformDestroyer>;

}  // namespace conflictmap::geo::detail
