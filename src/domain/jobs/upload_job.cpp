#include "domain/jobs/upload_job.hpp"

#include <array>
#include <utility>

namespace hms::jobs {
namespace {
constexpr std::array<std::pair<UploadState, std::string_view>, 5> kStates = {{
    {UploadState::checked, "checked"},
    {UploadState::running, "running"},
    {UploadState::interrupted, "interrupted"},
    {UploadState::done, "done"},
    {UploadState::failed, "failed"},
}};
}  // namespace

std::string_view to_string(UploadState s) {
  for (const auto& [state, text] : kStates)
    if (state == s) return text;
  return "failed";
}

std::optional<UploadState> upload_state_from(std::string_view text) {
  for (const auto& [state, name] : kStates)
    if (name == text) return state;
  return std::nullopt;
}

}  // namespace hms::jobs
