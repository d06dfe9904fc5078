// The closed list of ways a user action can fail, mapped once to HTTP statuses
// (http/error_mapping) and CLI exit codes (cli/exit_codes). Infrastructure failures are
// exceptions of other types, caught once at the boundary and shown as "internal".
// Example: DomainError(ErrorKind::validation, "users.password_too_short").field("password").
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace hms {

enum class ErrorKind {
  bad_request,       // malformed input: not JSON, wrong type (400)
  unauthenticated,   // no valid session (401)
  forbidden,         // logged in, not allowed (403)
  not_found,         // absent, or belongs to another agency (404)
  conflict,          // clashes with existing data (409)
  validation,        // well-formed but breaks a rule (422)
  too_many_requests  // throttled (429)
};

// A failure the user can understand. `code` is a stable identifier such as
// "users.login_taken" and the key of the message in the catalogs; `params` fill the
// message's {placeholders}; `fields` maps a form field to the code of its problem.
class DomainError : public std::runtime_error {
 public:
  DomainError(ErrorKind kind, std::string code)
      : std::runtime_error(code), kind_(kind), code_(std::move(code)) {}

  DomainError& param(const std::string& name, std::string value) {
    params_[name] = std::move(value);
    return *this;
  }
  DomainError& field(const std::string& name, std::string code = {}) {
    fields_[name] = code.empty() ? code_ : std::move(code);
    return *this;
  }

  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::map<std::string, std::string>& params() const { return params_; }
  const std::map<std::string, std::string>& fields() const { return fields_; }

 private:
  ErrorKind kind_;
  std::string code_;
  std::map<std::string, std::string> params_;
  std::map<std::string, std::string> fields_;
};

// Collects the validation problems of several fields, so that a form reports them all at
// once: problems.check([&] { validate_login(login); }); … problems.throw_if_any();
class Problems {
 public:
  template <typename F>
  void check(F&& f) {
    try {
      f();
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      add(e);
    }
  }
  void add(const DomainError& e) {
    if (!first_) {
      first_ = e;
      return;
    }
    for (const auto& [field, code] : e.fields()) first_->field(field, code);
    for (const auto& [name, value] : e.params()) first_->param(name, value);
  }
  void throw_if_any() const {
    if (first_) throw *first_;
  }

 private:
  std::optional<DomainError> first_;
};

// Result of an operation that may fail with a DomainError instead of throwing.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(DomainError error) : v_(std::move(error)) {}
  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  const T& value() const& {
    if (!ok()) throw std::get<DomainError>(v_);
    return std::get<T>(v_);
  }
  T&& value() && {
    if (!ok()) throw std::get<DomainError>(v_);
    return std::get<T>(std::move(v_));
  }
  const DomainError& error() const { return std::get<DomainError>(v_); }

 private:
  std::variant<T, DomainError> v_;
};

}  // namespace hms
