#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace conflictmap::geo {

// Writes points with attributes in any vector format GDAL/OGR can create
// (GeoPackage, Shapefile, FlatGeobuf, KML, GML, SQLite ...), in WGS 84.
// The file appears only on close(): GDAL writes to a temporary name beside
// the target (sidecar files included, for Shapefile), which is then renamed.
// Not thread-safe; GDAL handles live only inside this class.
class VectorWriter {
public:
    enum class Type { String, Integer, Real };
    struct Field {
        std::string name;
        Type type;
    };
    using Value = std::variant<std::monostate, std::string, std::int64_t, double>;

    VectorWriter(const std::string& path, const std::string& driver, const std::string& layer,
                 const std::vector<Field>& fields);
    ~VectorWriter();
    VectorWriter(const VectorWriter&) = delete;
    VectorWriter& operator=(const VectorWriter&) = delete;

    void add_point(double lon, double lat, const std::vector<Value>& values);
    void close();

    // True when GDAL has a driver of that name that can create vector files.
    static bool can_write(const std::string& driver);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace conflictmap::geo
