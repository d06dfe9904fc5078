// Runs the golden scenarios of one tests/scenarios/<module>/<name>.test file against the real
// `hms` binary (format: tests/scenarios/README.md) and shows a diff for each case that fails:
//   hms_scenario build/hms tests/data tests/scenarios/calculators/index_reference.test
// The cases of a file run in one fresh empty folder; $DATA in a command line is the fixtures folder.
// Exit 0 when every case of every file given holds, 1 otherwise, 2 for a malformed file.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

struct Case {
  int line = 0;                            // of its command line in the file
  std::string command;                     // as written, for the report
  std::map<std::string, std::string> env;  // NAME=value words before `hms`
  std::vector<std::string> args;           // after `hms`
  std::string stdin_text, stdout_text, stderr_text;
  int exit_code = 0;
};

struct Malformed : std::runtime_error {
  Malformed(const fs::path& file, int line, const std::string& what)
      : std::runtime_error(file.string() + ":" + std::to_string(line) + ": " + what) {}
};

// Shell-like words: blanks separate them; '…' is literal, "…" takes \" and \\.
std::vector<std::string> words(const std::string& text, const fs::path& file, int line) {
  std::vector<std::string> out;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t') {
      if (in_word) out.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\'' || c == '"') {
      in_word = true;
      const auto end = text.find(c, i + 1);
      if (end == std::string::npos) throw Malformed(file, line, "unclosed quote");
      for (std::size_t j = i + 1; j < end; ++j) {
        if (c == '"' && text[j] == '\\' && j + 1 < end) ++j;
        word += text[j];
      }
      i = end;
    } else {
      in_word = true;
      word += c;
    }
  }
  if (in_word) out.push_back(std::move(word));
  return out;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// 1. A case starts with "$ [NAME=value …] hms ARGS" (a line ending in \ goes on on the next).
// 2. Then, in this order, any of "--- stdin", "--- stdout", "--- stderr", each followed by its
//    text, line by line; a section left out is empty.
// 3. "--- exit N" ends the case. Outside cases, blank lines and # comments are skipped.
std::vector<Case> parse(const fs::path& file, const std::string& data_dir) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Malformed(file, 0, "cannot read the file");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  std::vector<Case> cases;
  std::size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].empty() || lines[i][0] == '#') {
      ++i;
      continue;
    }
    if (lines[i].rfind("$ ", 0) != 0) throw Malformed(file, int(i + 1), "expected a command line: $ hms …");
    Case c;
    c.line = int(i + 1);
    c.command = lines[i].substr(2);
    while (!c.command.empty() && c.command.back() == '\\' && ++i < lines.size())
      c.command = c.command.substr(0, c.command.size() - 1) + lines[i];
    ++i;
    auto all = words(c.command, file, c.line);
    std::size_t w = 0;
    for (; w < all.size() && all[w] != "hms"; ++w) {
      const auto eq = all[w].find('=');
      if (eq == std::string::npos || eq == 0) throw Malformed(file, c.line, "expected NAME=value or hms: " + all[w]);
      c.env[all[w].substr(0, eq)] = all[w].substr(eq + 1);
    }
    if (w == all.size()) throw Malformed(file, c.line, "the command line does not run hms");
    for (++w; w < all.size(); ++w) {
      replace_all(all[w], "$DATA", data_dir);
      c.args.push_back(all[w]);
    }

    std::string last;  // sections come in order: stdin, stdout, stderr, exit
    bool ended = false;
    while (i < lines.size() && !ended) {
      const std::string header = lines[i];
      const std::string name = header.rfind("--- ", 0) == 0 ? header.substr(4, header.find(' ', 4) - 4) : "";
      const std::vector<std::string> order = {"stdin", "stdout", "stderr", "exit"};
      auto rank = [&](const std::string& s) { return std::find(order.begin(), order.end(), s) - order.begin(); };
      if (rank(name) == 4 || (!last.empty() && rank(name) <= rank(last)))
        throw Malformed(file, int(i + 1), "expected --- stdin, --- stdout, --- stderr or --- exit, in that order");
      last = name;
      ++i;
      if (name == "exit") {
        try {
          c.exit_code = std::stoi(header.substr(9));
        } catch (const std::exception&) {
          throw Malformed(file, int(i), "expected --- exit N");
        }
        ended = true;
        break;
      }
      std::string text;
      for (; i < lines.size() && lines[i].rfind("--- ", 0) != 0; ++i) text += lines[i] + "\n";
      (name == "stdin" ? c.stdin_text : name == "stdout" ? c.stdout_text : c.stderr_text) = text;
    }
    if (!ended) throw Malformed(file, c.line, "the case does not end with --- exit N");
    cases.push_back(std::move(c));
  }
  if (cases.empty()) throw Malformed(file, 0, "no case in the file");
  return cases;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Result {
  std::string out, err;
  int exit_code = -1;
};

// hms with the case's arguments, environment and input, in `folder`; its streams in `scratch`.
// The environment is the runner's without HMS_LANG, LANG and LC_ALL, plus the case's words
// (HMS_LANG=en unless it names HMS_LANG or LANG).
Result run(const std::string& hms, const Case& c, const fs::path& folder, const fs::path& scratch) {
  std::ofstream(scratch / "stdin", std::ios::binary) << c.stdin_text;
  std::map<std::string, std::string> env = c.env;
  if (!env.contains("HMS_LANG") && !env.contains("LANG")) env["HMS_LANG"] = "en";
  std::vector<std::string> env_s, argv_s{hms};
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string kv(*e);
    const std::string name = kv.substr(0, kv.find('='));
    if (name != "HMS_LANG" && name != "LANG" && name != "LC_ALL" && !env.contains(name)) env_s.push_back(kv);
  }
  for (const auto& [name, value] : env) env_s.push_back(name + "=" + value);
  argv_s.insert(argv_s.end(), c.args.begin(), c.args.end());
  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int in = open((scratch / "stdin").c_str(), O_RDONLY);
    const int out = open((scratch / "stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open((scratch / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0 || chdir(folder.c_str()) != 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
        dup2(err, 2) < 0)
      _exit(126);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  return {read(scratch / "stdout"), read(scratch / "stderr"),
          WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)};
}

// `diff -u` of what was expected and what hms printed.
std::string diff(const std::string& expected, const std::string& actual, const fs::path& scratch, const char* what) {
  const auto a = scratch / "expected", b = scratch / "actual";
  std::ofstream(a, std::ios::binary) << expected;
  std::ofstream(b, std::ios::binary) << actual;
  const std::string command = "diff -u --label 'expected " + std::string(what) + "' --label 'actual " + what + "' '" +
                              a.string() + "' '" + b.string() + "'";
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
    pclose(p);
  }
  fs::remove(a);
  fs::remove(b);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: hms_scenario HMS_BINARY DATA_DIR FILE.test…\n";
    return 2;
  }
  const std::string hms = fs::absolute(argv[1]).string(), data = fs::absolute(argv[2]).lexically_normal().string();
  int failed = 0, total = 0;
  for (int f = 3; f < argc; ++f) {
    const fs::path file = argv[f];
    std::vector<Case> cases;
    try {
      cases = parse(file, data);
    } catch (const std::exception& e) {
      std::cerr << e.what() << "\n";
      return 2;
    }
    // The cases of a file share one working folder; hms's streams and the diffs go next to it.
    std::string pattern = (fs::temp_directory_path() / "hms_scenario_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    const fs::path scratch = pattern, folder = scratch / "work";
    fs::create_directory(folder);
    for (const auto& c : cases) {
      ++total;
      Result r = run(hms, c, folder, scratch);
      // Fixtures named in a message read as they are written in the file.
      replace_all(r.out, data, "$DATA");
      replace_all(r.err, data, "$DATA");
      std::string report;
      if (r.out != c.stdout_text) report += diff(c.stdout_text, r.out, scratch, "stdout");
      if (r.err != c.stderr_text) report += diff(c.stderr_text, r.err, scratch, "stderr");
      if (r.exit_code != c.exit_code)
        report += "exit code: expected " + std::to_string(c.exit_code) + ", got " + std::to_string(r.exit_code) + "\n";
      if (!report.empty()) {
        ++failed;
        std::cout << "FAILED " << file.string() << ":" << c.line << ": $ " << c.command << "\n" << report << "\n";
      }
    }
    fs::remove_all(scratch);
  }
  std::cout << (total - failed) << " of " << total << " case(s) hold\n";
  return failed == 0 ? 0 : 1;
}
