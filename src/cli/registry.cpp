// The command line of `hms` in the user's language: CLI11's help labels ("Usage", "REQUIRED",
// "TEXT" …) and every command's and option's description come from the catalogs (cli.help.*).
#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "common/text.hpp"

namespace hms::cli {
namespace {

// CLI11's formatter with translated labels. A type with validators ("INT:INT in [1 - 65535]",
// "TEXT:FILE") is translated part by part.
class Formatter : public CLI::Formatter {
 public:
  explicit Formatter(const Registry& registry) {
    for (const auto& [label, key] : {std::pair{"Usage", "usage"}, {"OPTIONS", "options_badge"},
                                     {"SUBCOMMAND", "command_badge"}, {"SUBCOMMANDS", "commands_badge"},
                                     {"Positionals", "positionals"}, {"REQUIRED", "required"}, {"TEXT", "text"},
                                     {"INT", "int"}, {"UINT", "uint"}, {"FILE", "file_type"}})
      this->label(label, registry.text(std::string("cli.help.label.") + key));
  }

  std::string make_option_opts(const CLI::Option* opt) const override {
    std::string out = CLI::Formatter::make_option_opts(opt);
    const std::string type = opt->get_type_name();
    if (type.find(':') == std::string::npos) return out;
    std::string translated;
    for (const auto& part : split(type, ':')) translated += (translated.empty() ? "" : ":") + get_label(std::string(part));
    if (auto at = out.find(type); at != std::string::npos) out.replace(at, type.size(), translated);
    return out;
  }
};

// "--disabled-children" → "disabled_children", "FILE" → "file".
std::string key_of(const std::string& option) {
  std::string key = to_lower_ascii(option.substr(option.find_first_not_of('-')));
  for (auto& c : key)
    if (c == '-') c = '_';
  return key;
}

}  // namespace

Command::Command(Registry& registry, CLI::App& app, std::string key)
    : registry_(&registry), app_(&app), key_(std::move(key)) {}

CLI::Option* Command::json() { return app_->add_flag("--json", registry_->json_, help("--json")); }

CLI::Validator Command::range(int min, int max) const {
  CLI::Validator v = CLI::Range(min, max);
  v.description(registry_->text("cli.help.range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}}));
  return v;
}

void Command::runs(Run run) { registry_->runs_.emplace_back(app_, std::move(run)); }

std::string Command::help(const std::string& name) const {
  const std::string own = key_ + "." + key_of(name), shared = "cli.help." + key_of(name);
  return registry_->text(registry_->catalog_.has(registry_->lang_, own) ? own : shared);
}

Registry::Registry(const web::Catalog& catalog, std::string lang) : catalog_(catalog), lang_(std::move(lang)) {
  app_ = std::make_unique<CLI::App>(text("cli.help.about"), "hms");
  app_->formatter(std::make_shared<Formatter>(*this));
  app_->option_defaults()->group(text("cli.help.options"));
  app_->group(text("cli.help.commands"));  // the heading under which its commands are listed
  app_->set_help_flag("-h,--help", text("cli.help.help"));
  app_->require_subcommand(1);
}

Command Registry::program() { return Command(*this, *app_, "cli.help"); }

Command Registry::command(const std::string& path) {
  CLI::App* app = app_.get();
  std::string key = "cli.help";
  for (const auto& word : split(path, ' ')) {
    const std::string name(word);
    key += "." + name;
    auto found = app->get_subcommands([&](const CLI::App* a) { return a->get_name() == name; });
    if (!found.empty()) {
      app = found.front();
      continue;
    }
    if (app != app_.get()) app->require_subcommand(1);  // a group: one of its commands is required
    app = app->add_subcommand(name, text(key + ".about"));
    app->get_help_ptr()->group(text("cli.help.options"));  // made before the group was inherited
  }
  return Command(*this, *app, key);
}

int Registry::run(Env& env) const {
  for (const auto& [app, run] : runs_)
    if (*app) return run(env);
  return kExitUsage;
}

std::string Registry::text(const std::string& key, const std::map<std::string, std::string>& params) const {
  return catalog_.format(lang_, key, params);
}

}  // namespace hms::cli
