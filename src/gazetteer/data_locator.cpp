#include "gazetteer/data_locator.hpp"

#include <cstdlib>
#include <filesystem>

#include "build_config.hpp"
#include "core/error.hpp"

namespace conflictmap::gazetteer {

namespace fs = std::filesystem;

namespace {

std::string as_index_path(const std::string& p) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) return (fs::path(p) / kIndexFileName).string();
    return p;
}

std::optional<std::string> env(const char* name) {
    const char* v = std::getenv(name);
    if (v && *v) return std::string(v);
    return std::nullopt;
}

}  // namespace

std::vector<std::string> index_search_path(const std::optional<std::string>& option) {
    std::vector<std::string> out;
    if (option) out.push_back(as_index_path(*option));
    if (auto e = env(kDataEnv)) out.push_back(as_index_path(*e));
    out.push_back((fs::path(build_config::kDataDir) / kIndexFileName).string());
    if (auto x = env("XDG_DATA_HOME")) {
        out.push_back((fs::path(*x) / "conflictmap" / kIndexFileName).string());
    } else if (auto h = env("HOME")) {
        out.push_back((fs::path(*h) / ".local/share/conflictmap" / kIndexFileName).string());
    }
    out.push_back(std::string("/usr/local/share/conflictmap/") + kIndexFileName);
    out.push_back(std::string("/usr/share/conflictmap/") + kIndexFileName);
    return out;
}

std::string locate_index(const std::optional<std::string>& option) {
    const auto paths = index_search_path(option);
    // An explicit option that does not exist is an error on its own: falling
    // back silently would answer from another gazetteer than the one asked for.
    std::error_code ec;
    if (option && !fs::exists(paths.front(), ec)) {
        throw MissingDataError("no gazetteer index at " + paths.front() + " (from --gazetteer)");
    }
    for (const auto& p : paths) {
        if (fs::is_regular_file(p, ec)) return p;
    }
    std::string msg = "no gazetteer index found; looked in:";
    for (const auto& p : paths) msg += "\n  " + p;
    msg += "\nbuild one with `conflictmap gazetteer build` (scripts/setup does it), or point "
           "--gazetteer or $CONFLICTMAP_DATA at one";
    throw MissingDataError(msg);
}

std::string default_index_output(const std::optional<std::string>& option) {
    if (option) return as_index_path(*option);
    if (auto e = env(kDataEnv)) return as_index_path(*e);
    return (fs::path(build_config::kDataDir) / kIndexFileName).string();
}

std::string sources_dir(const std::optional<std::string>& option) {
    if (option) return *option;
    if (auto e = env("CONFLICTMAP_SOURCES")) return *e;
    return (fs::path(build_config::kDataDir) / "sources").string();
}

std::string curated_dir(const std::optional<std::string>& option) {
    if (option) return *option;
    return (fs::path(build_config::kSourceDir) / "geodata" / "curated").string();
}

}  // namespace conflictmap::gazetteer
