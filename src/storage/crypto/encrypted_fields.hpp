// Every value hms encrypts at rest with FieldCipher (ADR 0007), in one list: the place bound into
// its ciphertext (FieldPlace.column) and how to read every stored value of it — a SELECT of
// (row id, agency id or 0, ciphertext) for the values that are set. The repositories encrypt
// with these places; `hms check` opens every value of each (storage/check/database_check.hpp).
#pragma once
#include <string_view>

namespace hms::storage {

inline constexpr std::string_view kOwnerIbanPlace = "owners.iban";
inline constexpr std::string_view kApplicantIncomePlace = "applicants.income";
inline constexpr std::string_view kNationalNumberPlace = "applicants.national_number";
inline constexpr std::string_view kCounterpartyIbanPlace = "bank_movements.counterparty_iban";
inline constexpr std::string_view kUploadBytesPlace = "upload_jobs.bytes";
inline constexpr std::string_view kMfaSecretPlace = "user_mfa.secret_cipher";
inline constexpr std::string_view kFormDraftPlace = "form_drafts.content";

struct EncryptedField {
  std::string_view place;
  std::string_view values;  // SELECT row id, agency id (0: none), ciphertext
};

inline constexpr EncryptedField kEncryptedFields[] = {
    {kOwnerIbanPlace, "SELECT id, agency_id, iban_cipher FROM owners WHERE iban_cipher <> '' ORDER BY id"},
    {kApplicantIncomePlace, "SELECT id, agency_id, income_cipher FROM applicants WHERE income_cipher <> '' ORDER BY id"},
    {kNationalNumberPlace,
     "SELECT m.id, a.agency_id, m.national_number_cipher FROM applicant_members m JOIN applicants a ON a.id = m.applicant_id"
     " WHERE m.national_number_cipher IS NOT NULL AND m.national_number_cipher <> '' ORDER BY m.id"},
    {kCounterpartyIbanPlace,
     "SELECT id, agency_id, counterparty_iban_cipher FROM bank_movements WHERE counterparty_iban_cipher <> '' ORDER BY id"},
    {kUploadBytesPlace, "SELECT id, agency_id, bytes_cipher FROM upload_jobs WHERE bytes_cipher IS NOT NULL ORDER BY id"},
    {kMfaSecretPlace, "SELECT user_id, 0, secret_cipher FROM user_mfa ORDER BY user_id"},
    {kFormDraftPlace, "SELECT id, 0, content_cipher FROM form_drafts WHERE content_cipher IS NOT NULL ORDER BY id"},
};

}  // namespace hms::storage
