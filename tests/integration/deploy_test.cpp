// deploy/nginx/hms.conf, the reverse proxy of README.md's "Deploying": Debian's nginx accepts
// it (`nginx -t`, with a self-signed certificate made for the test in place of the real one),
// and its body limits are hms's own, route by route (`hms routes --json`). Skipped only where
// nginx is not installed (scripts/setup.sh --test installs it, so CI always runs it).
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "http/server.hpp"
#include "support/server_process.hpp"

namespace hms::test {
namespace {

namespace fs = std::filesystem;

const fs::path kConfig = fs::path(HMS_SOURCE_DIR) / "deploy" / "nginx" / "hms.conf";

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<std::string> nginx_binary() {
  for (const char* p : {"/usr/sbin/nginx", "/usr/bin/nginx"})
    if (fs::exists(p)) return p;
  return std::nullopt;
}

// Runs a shell command; its exit code and what it printed (stdout and stderr).
std::pair<int, std::string> shell(const std::string& command, const fs::path& output) {
  const int status = std::system((command + " >" + output.string() + " 2>&1").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(output)};
}

// Bytes of an nginx size ("1m", "21m", "512k", "100").
std::size_t nginx_size(const std::string& text) {
  std::size_t n = std::stoul(text);
  switch (text.back()) {
    case 'k': case 'K': return n * 1024;
    case 'm': case 'M': return n * 1024 * 1024;
    default: return n;
  }
}

TEST(DeployTest, NginxAcceptsTheConfigurationOfTheReadme) {
  const auto nginx = nginx_binary();
  if (!nginx) GTEST_SKIP() << "nginx is not installed (scripts/setup.sh --test installs it)";
  const fs::path dir = fs::temp_directory_path() / ("hms-nginx-" + std::to_string(::getpid()));
  fs::create_directories(dir / "logs");
  struct Cleanup {
    fs::path dir;
    ~Cleanup() { fs::remove_all(dir); }
  } cleanup{dir};

  // A self-signed certificate, and the configuration with its paths in place of the real ones.
  auto [made, openssl_out] = shell("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=hms.example.org -keyout " +
                                       (dir / "hms.key").string() + " -out " + (dir / "hms.pem").string(),
                                   dir / "openssl.out");
  ASSERT_EQ(made, 0) << openssl_out;
  std::string site = read_text(kConfig);
  ASSERT_FALSE(site.empty()) << kConfig;
  for (const auto& [from, to] : std::map<std::string, std::string>{
           {"/etc/ssl/certs/hms.example.org.pem", (dir / "hms.pem").string()},
           {"/etc/ssl/private/hms.example.org.key", (dir / "hms.key").string()}}) {
    const auto at = site.find(from);
    ASSERT_NE(at, std::string::npos) << from << " is no longer in hms.conf: change this test with it";
    site.replace(at, from.size(), to);
  }
  std::ofstream(dir / "hms.conf") << site;
  // The main configuration of Debian's package, reduced to what the site needs.
  std::ofstream(dir / "nginx.conf") << "pid " << (dir / "nginx.pid").string() << ";\n"
                                    << "error_log " << (dir / "logs" / "error.log").string() << ";\n"
                                    << "events {}\n"
                                    << "http {\n  include /etc/nginx/mime.types;\n"
                                    << "  access_log " << (dir / "logs" / "access.log").string() << ";\n"
                                    << "  include " << (dir / "hms.conf").string() << ";\n}\n";
  auto [status, out] = shell(*nginx + " -t -p " + dir.string() + " -c " + (dir / "nginx.conf").string(), dir / "nginx.out");
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("test is successful"), std::string::npos) << out;
}

// The limits of hms.conf are the route table's: 1 MiB by default, and a location with a
// larger limit for exactly the routes that take a file, large enough for them.
TEST(DeployTest, NginxBodyLimitsAreThoseOfTheRoutes) {
  const std::string site = read_text(kConfig);
  ASSERT_FALSE(site.empty()) << kConfig;
  std::map<std::string, std::size_t> location_limits;  // "= /import" → bytes; "~ ^/…$" for a regular expression
  std::size_t server_limit = 0;
  std::string location;
  std::istringstream lines(site);
  static const std::regex opens(R"(^\s*location\s+=\s+(\S+)\s*\{)"), opens_regex(R"(^\s*location\s+~\s+(\S+)\s*\{)"),
      closes(R"(^\s*\}\s*$)"), limit(R"(^\s*client_max_body_size\s+(\S+);)");
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_search(line, m, opens)) location = m[1];
    else if (std::regex_search(line, m, opens_regex)) location = "~ " + m[1].str();
    else if (std::regex_search(line, m, closes)) location.clear();
    else if (std::regex_search(line, m, limit)) (location.empty() ? server_limit : location_limits[location]) = nginx_size(m[1]);
  }
  EXPECT_EQ(server_limit, http::kMaxBody);

  auto r = run_hms({"routes", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> uploads;
  const auto table = nlohmann::json::parse(r.out);
  for (const auto& route : table.at("items")) {
    const auto max_body = route.at("max_body").get<std::size_t>();
    if (max_body == http::kMaxBody) continue;
    const auto pattern = route.at("pattern").get<std::string>();
    uploads.insert(pattern);
    // The location of the route: its exact path, else the regular expression its paths match.
    std::string key = pattern;
    if (!location_limits.contains(key)) {
      const std::string concrete = std::regex_replace(pattern, std::regex(R"(\{id\})"), "12");
      for (const auto& [loc, bytes] : location_limits)
        if (loc.rfind("~ ", 0) == 0 && std::regex_search(concrete, std::regex(loc.substr(2)))) key = loc;
    }
    ASSERT_TRUE(location_limits.contains(key)) << pattern << " takes a file: hms.conf needs a location for it";
    EXPECT_GE(location_limits[key], max_body) << pattern;
    EXPECT_LE(location_limits[key], max_body + 1024 * 1024) << pattern << ": nginx lets much more through than hms";
  }
  EXPECT_EQ(uploads, (std::set<std::string>{"/import", "/rules", "/dwellings/{id}/documents", "/owners/{id}/documents",
                                            "/owner-contracts/{id}/documents", "/support/tickets/{id}/files"}));
  for (const auto& [path, bytes] : location_limits) {
    bool used = uploads.contains(path);
    for (const auto& u : uploads)
      if (path.rfind("~ ", 0) == 0 && std::regex_search(std::regex_replace(u, std::regex(R"(\{id\})"), "12"), std::regex(path.substr(2))))
        used = true;
    EXPECT_TRUE(used) << path << " is not an upload of hms";
  }
}

}  // namespace
}  // namespace hms::test
