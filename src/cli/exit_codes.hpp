// How the CLI ends (contract: 2 for bad usage or validation, 1 for any other failure).
#pragma once
#include "common/error.hpp"

namespace hms::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

inline int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request:
    case ErrorKind::validation: return kExitUsage;
    case ErrorKind::unauthenticated:
    case ErrorKind::forbidden:
    case ErrorKind::not_found:
    case ErrorKind::conflict:
    case ErrorKind::too_many_requests: return kExitFailure;
  }
  return kExitFailure;
}

}  // namespace hms::cli
