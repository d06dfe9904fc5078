// The subsidy request (issue 12.2, contract F): the agency admin makes it for year N+1 from the
// inventory of 30 September N that the agency froze and submitted; the Region accepts it, asks a
// question (the agency admin answers, and it awaits the review again) or rejects it, always with a
// comment; an accepted request is paid in tranches planned from the rates table, the one asking
// for the two-thirds statistics paid only once the agency sent them.
// Read like the inventory (inventory_view: agency users their own, region and federation all);
// made, answered and justified by the agency admin (inventory_submit); reviewed and paid by the
// region (subsidy_review). Every change is audited ("subsidies.request", "subsidies.review",
// "subsidies.answer", "subsidies.justify", "subsidies.paid").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/subsidies/subsidy_request.hpp"

namespace hms::app {

// Makes the request of the frozen inventory `inventory` (an id, as typed; the actor's agency's):
//   404 subsidies.not_found      not an inventory of the actor's agency;
//   422 subsidies.not_reference_date  an inventory not dated 30 September;
//   409 subsidies.request_exists  a request of that year awaits a review or was accepted;
//   422 subsidies.no_rates        no subsidy rates in force on 1 January of the year.
subsidies::SubsidyRequest make_request(Store& store, const Context& ctx, const std::optional<std::string>& inventory);

// A request with its lines, events and tranches (404 subsidies.request_not_found otherwise).
subsidies::SubsidyRequest subsidy_request(Store& store, const Context& ctx, std::int64_t id);

// The agency's name and address, the letterhead of the request's PDF.
std::vector<std::string> request_letterhead(Store& store, const subsidies::SubsidyRequest& r);

// The requests in the actor's scope, newest year first (region and federation: every agency's,
// or the agency named).
std::vector<subsidies::SubsidyRequest> subsidy_requests(Store& store, const Context& ctx,
                                                        const std::optional<std::string>& agency_code);

// The region's review: decision accept | question | reject (422 subsidies.invalid_decision);
// a comment (1–2000 characters) required for a question or a rejection
// (422 subsidies.comment_required); only a request awaiting its review
// (409 subsidies.not_awaiting_review). Accepting plans the tranches.
struct ReviewFields {
  std::optional<std::string> decision;
  std::optional<std::string> comment;
};
template <typename Visit>
void for_each_field(ReviewFields& f, Visit&& visit) {
  visit("decision", f.decision);
  visit("comment", f.comment);
}
subsidies::SubsidyRequest review_request(Store& store, const Context& ctx, std::int64_t id, const ReviewFields& f);

// The agency admin's answer to the Region's question (a comment is required); the request awaits
// its review again (409 subsidies.no_question when no question is open).
subsidies::SubsidyRequest answer_request(Store& store, const Context& ctx, std::int64_t id,
                                         const std::optional<std::string>& comment);

// The agency admin sends the two-thirds statistics of a tranche that asks for them, as measured
// today (the leases in force and how many households were at or below the admission income):
// 404 subsidies.tranche_not_found, 409 subsidies.already_justified, 422 subsidies.no_justification
// for a tranche that asks for none.
subsidies::SubsidyRequest justify_tranche(Store& store, const Context& ctx, std::int64_t id, int number);

// The region records a tranche paid on `paid_on` (YYYY-MM-DD, not in the future; 422
// common.invalid_date): 409 subsidies.already_paid, 422 subsidies.justification_missing when its
// justification was not sent yet.
subsidies::SubsidyRequest pay_tranche(Store& store, const Context& ctx, std::int64_t id, int number,
                                      const std::optional<std::string>& paid_on);

}  // namespace hms::app
