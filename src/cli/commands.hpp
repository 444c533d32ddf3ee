#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace conflictmap::cli {

// Options every command shares (docs/cli.md).
struct CommonOptions {
    std::optional<std::string> gazetteer;
    bool quiet = false;
};

// Prints a line of progress on stderr when stderr is a terminal and not --quiet.
void progress(const CommonOptions& common, const std::string& line);


// Each command registers its options and a callback on `app`; the callback
// throws conflictmap::Error subclasses, which main() turns into exit codes.
void register_gazetteer_command(CLI::App& app, CommonOptions& common);
void register_geocode_command(CLI::App& app, CommonOptions& common);
void register_train_ranker_command(CLI::App& app, CommonOptions& common);
void register_events_command(CLI::App& app, CommonOptions& common);
void register_train_recognizer_command(CLI::App& app, CommonOptions& common);
void register_map_command(CLI::App& app, CommonOptions& common);

}  // namespace conflictmap::cli
