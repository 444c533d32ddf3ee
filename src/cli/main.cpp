// conflictmap: the command line. Parses options (CLI11 generates --help from
// the same table), runs the library, and maps exceptions to exit codes.

#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "build_config.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/exit_codes.hpp"

namespace conflictmap::cli {

void progress(const CommonOptions& common, const std::string& line) {
    if (common.quiet || !::isatty(STDERR_FILENO)) return;
    std::cerr << line << '\n';
}

}  // namespace conflictmap::cli

int main(int argc, char** argv) {
    using namespace conflictmap;
    std::ios::sync_with_stdio(false);
    CLI::App app{"conflictmap: find the places a news article mentions, the conflict events tied "
                 "to them, and map them.\n\nExit codes: 0 ok, 1 failure, 2 usage, 65 bad input "
                 "data, 66 missing data (gazetteer, model, input), 74 I/O error.",
                 "conflictmap"};
    app.set_version_flag("--version", std::string("conflictmap ") + build_config::kVersion);
    app.require_subcommand(1);
    // --gazetteer and -q work before or after the command's name.
    app.fallthrough();
    cli::CommonOptions common;
    app.add_option("--gazetteer", common.gazetteer,
                   "gazetteer index file or folder (else $CONFLICTMAP_DATA, else the build's)")
        ->type_name("PATH");
    app.add_flag("-q,--quiet", common.quiet, "no progress or warnings on stderr");
    cli::register_gazetteer_command(app, common);
    cli::register_geocode_command(app, common);
    cli::register_train_ranker_command(app, common);
    cli::register_events_command(app, common);
    cli::register_train_recognizer_command(app, common);
    cli::register_map_command(app, common);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return exit_code::kUsage;
    } catch (const Error& e) {
        std::cerr << "conflictmap: " << e.what() << '\n';
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "conflictmap: internal error: " << e.what() << '\n';
        return exit_code::kFailure;
    }
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "conflictmap: cannot write to standard output\n";
        return exit_code::kIoError;
    }
    return exit_code::kOk;
}
