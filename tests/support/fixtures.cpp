#include "support/fixtures.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "gazetteer/gazetteer_builder.hpp"

namespace conflictmap::test {

namespace fs = std::filesystem;

namespace {

struct TempDirs {
    std::vector<std::string> dirs;
    ~TempDirs() {
        for (const auto& d : dirs) {
            std::error_code ec;
            fs::remove_all(d, ec);
        }
    }
};
TempDirs& temp_dirs() {
    static TempDirs t;
    return t;
}

std::string build_mini(bool extra) {
    gazetteer::BuildOptions o;
    o.geonames_dir = kData + "/geonames-mini";
    o.use_sources = false;
    o.curated_dir = kSourceDir + "/geodata/curated";
    o.use_curated = fs::exists(o.curated_dir);
    if (extra) {
        o.extra_files = {kData + "/extra/frontline.tsv", kData + "/extra/positions.geojson"};
    }
    o.output = temp_dir() + "/mini.cmg";
    o.threads = 2;
    gazetteer::build_gazetteer(o);
    return o.output;
}

}  // namespace

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "conflictmap-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    temp_dirs().dirs.push_back(pattern);
    return pattern;
}

const std::string& mini_index() {
    static const std::string path = build_mini(false);
    return path;
}

const std::string& mini_index_with_extra() {
    static const std::string path = build_mini(true);
    return path;
}

void require_full_index() {
    if (!fs::exists(kFullIndex)) {
        std::cerr << "SKIP: no full gazetteer at " << kFullIndex
                  << " (scripts/setup or scripts/test builds it)\n";
        std::exit(77);
    }
}

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::string karabakh_article() {
    const std::string path = kSourceDir + "/../shared/examples/karabakh-2020.txt";
    if (!fs::exists(path)) {
        std::cerr << "SKIP: " << path << " is absent (../shared not checked out beside the project)\n";
        std::exit(77);
    }
    return slurp(path);
}

io::Document document(const std::string& text, const std::string& date) {
    io::Document doc;
    doc.id = "t";
    doc.text = text;
    doc.date = date;
    return doc;
}

CommandResult run_cli(const std::string& args, const std::string& stdin_text,
                      const std::string& env) {
    const std::string dir = temp_dir();
    const std::string in = dir + "/stdin", out = dir + "/stdout", err = dir + "/stderr";
    std::ofstream(in, std::ios::binary) << stdin_text;
    const std::string cmd = (env.empty() ? "" : "env " + env + " ") + "'" + kBinary + "' " + args + " <'" + in + "' >'" + out + "' 2>'" + err + "'";
    const int status = std::system(cmd.c_str());
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

}  // namespace conflictmap::test
