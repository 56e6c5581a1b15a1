/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "par-types.h"

G_BEGIN_DECLS

#define PAR_TYPE_DECISION (par_decision_get_type ())

typedef struct _ParDecision ParDecision;

/**
 * ParDecision:
 * @number: (nullable): the number and symbol, e.g. "123/QĐ-UBND"; a bare
 *   number ("123") gets the symbol "/QĐ-UBND"
 * @date: (nullable): the date of signature, "YYYY-MM-DD"
 * @issuer: (nullable): the issuing body as it reads in running text, e.g.
 *   "UBND tỉnh Sông Lam"; headings print it in capitals
 * @signer: (nullable): the signer's name
 * @title: (nullable): the decision's title ("Về việc phê duyệt và công bố
 *   Chỉ số CCHC năm 2024 …")
 * @authority: (nullable): the authority lines of the signature block, one
 *   a line, e.g. "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
 * @signer_title: (nullable): the signer's title, e.g. "PHÓ CHỦ TỊCH"
 * @place: (nullable): the place of the place and date line, e.g.
 *   "Quảng Nam" in "Quảng Nam, ngày 15 tháng 01 năm 2025"
 *
 * The decision that approves and publishes a year's results, whose annexes
 * the clerk prints. Every field may be missing while the decision is a
 * draft; the annex then shows "…" where the text will go.
 */
struct _ParDecision
{
  char *number;
  char *date;
  char *issuer;
  char *signer;
  char *title;
  char *authority;
  char *signer_title;
  char *place;
};

GType         par_decision_get_type         (void) G_GNUC_CONST;
ParDecision  *par_decision_new              (void);
ParDecision  *par_decision_copy             (const ParDecision  *self);
void          par_decision_free             (ParDecision        *self);
gboolean      par_decision_check_texts      (const ParDecision  *self,
                                             GError            **error);
gboolean      par_decision_validate_date    (const char         *date,
                                             GError            **error);
char         *par_decision_format_date      (const char         *date);
char         *par_decision_format_number    (const ParDecision  *self);
char         *par_decision_format_reference (const ParDecision  *self);
char         *par_decision_format_place_date (const ParDecision *self);
void          par_decision_fill             (ParDecision        *self,
                                             const ParDecision  *defaults);
char         *par_date_format_short         (const char         *iso_date);
gboolean      par_date_parse_user           (const char         *text,
                                             char              **out_iso_date,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParDecision, par_decision_free)

G_END_DECLS
