// hms serve --db URL [--port 8080] [--bind 127.0.0.1] [--trusted-proxy 127.0.0.1] [--require-mfa] : the web
// interface and the JSON API.
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <ostream>
#include <thread>
#include <vector>

#include "app/jobs/uploads.hpp"
#include "cli/command.hpp"
#include "http/server.hpp"

namespace hms::cli {
namespace {
http::Server* g_server = nullptr;
extern "C" void on_signal(int) {
  if (g_server) g_server->stop();
}

struct Options {
  std::string db;
  int port = 8080;
  std::string bind = "127.0.0.1";
  bool secure_cookies = false;
  int threads = 32;
  std::vector<std::string> trusted_proxies;  // X-Forwarded-For is believed from these addresses only
  bool require_mfa = false;
};

int serve(Env& env, const Options& options) {
  setenv("TZ", "Europe/Brussels", 0);  // dates on pages are Brussels time
  tzset();
  spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","message":%v})");
  storage::SqlStore store = open_store(options.db, false);
  // Uploads that were being written when the server last stopped wait for a new confirmation.
  if (auto n = app::interrupt_uploads(store, env.clock))
    env.err << env.say("cli.uploads_interrupted", {{"count", std::to_string(n)}}) << "\n";
  web::Views views;
  http::ServerConfig config{options.bind, options.port, options.secure_cookies, options.threads, options.trusted_proxies,
                            options.require_mfa};
  http::Server server(http::Services{store, env.clock, views, config});
  g_server = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  env.err << env.say("cli.serving", {{"address", "http://" + options.bind + ":" + std::to_string(options.port) + "/"}})
          << "\n";
  server.listen();
  g_server = nullptr;
  return 0;
}

}  // namespace

void register_serve(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("serve");
  c.db(o->db);
  c.option("--port", o->port)->check(c.range(1, 65535));
  c.option("--bind", o->bind);
  c.flag("--secure-cookies", o->secure_cookies);
  c.option("--threads", o->threads)->check(c.range(2, 512));
  c.option("--trusted-proxy", o->trusted_proxies);
  c.flag("--require-mfa", o->require_mfa);
  c.runs([o](Env& env) { return serve(env, *o); });
}

}  // namespace hms::cli
