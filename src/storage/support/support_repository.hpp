// The helpdesk on SQL (tables support_tickets, support_comments, support_files,
// support_articles; V0018). The logins and agency codes are read along; the files' bytes are in
// the attachments folder (file_folder.hpp).
#pragma once
#include "domain/support/ticket.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlSupportRepository final : public support::SupportRepository {
 public:
  explicit SqlSupportRepository(db::Connection& c) : c_(c) {}
  std::int64_t insert_ticket(const support::Ticket& t) override;
  std::optional<support::Ticket> find_ticket(std::int64_t id) override;
  std::vector<support::Ticket> list_tickets(const support::TicketFilter& f, int limit, int offset) override;
  std::int64_t count_tickets(const support::TicketFilter& f) override;
  void update_ticket(const support::Ticket& t) override;
  std::int64_t count_asker_unread(std::int64_t agency_id, std::int64_t user_id) override;
  std::int64_t count_federation_unread() override;
  std::int64_t count_maintainers_unread() override;
  std::int64_t insert_comment(const support::Comment& c) override;
  std::vector<support::Comment> comments(std::int64_t agency_id, std::int64_t ticket_id) override;
  std::int64_t insert_file(const support::TicketFile& f) override;
  std::optional<support::TicketFile> find_file(std::int64_t id) override;
  std::vector<support::TicketFile> files(std::int64_t agency_id, std::int64_t ticket_id) override;
  std::int64_t insert_article(const support::Article& a) override;
  void update_article(const support::Article& a) override;
  std::optional<support::Article> find_article(std::int64_t id) override;
  std::vector<support::Article> list_articles(bool published_only) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
