// Every command of hms, in the order `hms --help` lists them. A new command: its file in
// commands/ defines register_<name>(Registry&) (see command.hpp), and gets one line here.
#include "cli/command.hpp"

namespace hms::cli {

void register_init(Registry&);
void register_agency_add(Registry&);
void register_agency_set(Registry&);  // the agency's bank accounts
void register_user_add(Registry&);
void register_serve(Registry&);
void register_demo(Registry&);
void register_routes(Registry&);
void register_calculators(Registry&);  // index, eligibility
void register_rules_load(Registry&);
void register_import_stock(Registry&);
void register_indexation_run(Registry&);
void register_rent_run(Registry&);
void register_import_bank(Registry&);
void register_export_accounting(Registry&);
void register_payouts(Registry&);
void register_audit_verify(Registry&);
void register_check(Registry&);
void register_backup(Registry&);  // and restore

void register_commands(Registry& registry) {
  register_init(registry);
  register_agency_add(registry);
  register_agency_set(registry);
  register_user_add(registry);
  register_serve(registry);
  register_demo(registry);
  register_routes(registry);
  register_calculators(registry);
  register_rules_load(registry);
  register_import_stock(registry);
  register_indexation_run(registry);
  register_rent_run(registry);
  register_import_bank(registry);
  register_export_accounting(registry);
  register_payouts(registry);
  register_audit_verify(registry);
  register_check(registry);
  register_backup(registry);
}

}  // namespace hms::cli
