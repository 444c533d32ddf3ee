#include <catch2/catch.hpp>

#include <fstream>

#include "io/line_reader.hpp"
#include "support/fixtures.hpp"

using conflictmap::io::LineReader;

TEST_CASE("lines are read with numbers, CRLF and a missing final newline", "[io]") {
    const std::string path = conflictmap::test::temp_dir() + "/lines.txt";
    std::string long_line(3 << 20, 'x');  // longer than the 1 MiB buffer
    std::ofstream(path, std::ios::binary) << "one\r\ntwo\n\n" << long_line << "\nlast";
    LineReader r(path);
    std::string_view line;
    REQUIRE(r.next(line));
    CHECK(line == "one");
    REQUIRE(r.next(line));
    CHECK(line == "two");
    REQUIRE(r.next(line));
    CHECK(line.empty());
    REQUIRE(r.next(line));
    CHECK(line.size() == long_line.size());
    CHECK(r.line_number() == 4);
    CHECK_FALSE(r.missing_final_newline());
    REQUIRE(r.next(line));
    CHECK(line == "last");
    CHECK(r.line_number() == 5);
    CHECK(r.missing_final_newline());
    CHECK_FALSE(r.next(line));
}

#include <sys/stat.h>

#include "io/atomic_file.hpp"

TEST_CASE("atomic files replace regular files but write through to devices", "[io]") {
    const std::string dir = conflictmap::test::temp_dir();
    {
        conflictmap::io::AtomicFile f(dir + "/out.txt");
        f.write(std::string_view("hello"));
        f.commit();
    }
    std::ifstream in(dir + "/out.txt");
    CHECK(std::string((std::istreambuf_iterator<char>(in)), {}) == "hello");
    {
        conflictmap::io::AtomicFile f("/dev/null");
        f.write(std::string_view("discarded"));
        f.commit();
    }
    struct stat st {};
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
    CHECK_THROWS(conflictmap::io::AtomicFile(dir));  // a directory
}
