/*
 * may.c: what the actor may do, for pages offering links (see may.h).
 */
#include "app/may.h"

#include "protocol/access.h"
#include "protocol/category.h"
#include "protocol/checklists.h"
#include "protocol/mase.h"

bool app_may_file(const struct actor *who)
{
	return who && access_may_file(who->roles, who->system);
}

bool app_may_decide_category(const struct actor *who)
{
	return who &&
	       (who->system || category_may_decide(who->roles, category_kind_for(who->roles)));
}

bool app_may_review(const struct actor *who)
{
	return who && (who->system || supervisor_may_review(who->roles));
}

bool app_may_organise_mase(const struct actor *who)
{
	return who && mase_may_organise(who->roles, who->system);
}

bool app_may_record_meeting_plan(const struct actor *who)
{
	return who && mase_may_record_plan(who->roles, who->system, true);
}
