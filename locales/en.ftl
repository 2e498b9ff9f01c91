## English: the second language. Every variable is escaped before it reaches these strings;
## the tags here are Telegram HTML.

role-member = member
role-secretary = secretary
role-deputy = deputy secretary
role-office = bloc office
role-admin = administrator

kind-committee = Grassroots Party committee
kind-cell = Grassroots Party cell
kind-subcell = Subordinate cell

## Access

access-how =
    Hello! This bot serves only the officials and Party members of <b>{ $bloc }</b>.
    To use it you need an <b>invite link</b> from your branch secretary or the bloc office. Open that link in Telegram (or type <code>/start invite-code</code>) and you are in.
    Your Telegram account id: <code>{ $telegramId }</code> (give this number to the office if asked).
access-group-hint = You are not registered with this bot yet. Write to the bot privately to find out how to join.
not-allowed = You are not allowed to do this.
not-allowed-command = /{ $command } is for { $who }. You are not allowed to use it.
who-leaders = branch secretaries, deputy secretaries and the bloc office
who-office = the bloc office
private-only = This command works only in a private chat with the bot.
button-expired = This button has expired. Please type the command again.
error-generic = Sorry, something went wrong while handling your request. Please try again in a few minutes.

## /start and invites

start-welcome =
    Hello, comrade <b>{ $name }</b>!
    { $branch }
    Type /help to see the commands you can use.
start-linked =
    ✅ Your Telegram account is now linked to member <b>{ $name }</b>.
    { $branch }
    Type /help to see the commands you can use.
start-joined =
    ✅ You are now registered as { $role } of <b>{ $branch }</b>, under the name <b>{ $name }</b>.
    If the name is not right, ask your branch secretary to correct it.
    Type /help to see the commands you can use.
start-already-linked = This Telegram account is already linked to member <b>{ $name }</b>. No invite is needed.
invite-unknown = This invite code is not valid. Check the link you received (the code has 16 letters and digits), or ask your branch secretary to send it again.
invite-expired = This invite has expired. Ask your branch secretary or the bloc office for a new one.
invite-used = This invite has already been used. A personal invite works only once; ask for a new one if needed.
invite-revoked = This invite has been withdrawn. Please contact your branch secretary.
invite-member-taken = The member in this invite is already linked to another Telegram account. If this is a mistake, contact the bloc office.
invite-member-left = The member in this invite is no longer active in the bloc. Please contact the bloc office.
invite-branch-inactive = The branch in this invite is no longer active. Please contact the bloc office.
invite-throttled = Too many wrong invite codes. Please try again in { $minutes } minutes.

## /help

help-header = <b>Commands of the { $bloc } bot</b>
help-member =
    /branch: my branch
    /lichhop: upcoming meetings
    /chitieu: resolution targets
    /thongbao: latest notices
    /tim: search, e.g. <code>/tim thematic meeting</code>
    /help: this help
help-leader =
    <b>For secretaries and deputies</b>
    /taolich: schedule a meeting
    /guithongbao: send a notice
    /baocao: report indicator figures
    /diemdanh: take attendance after a meeting
    /moi: invite members of your branch
    /lienket: link a Telegram group to the branch (type it in the group)
help-office =
    <b>For the bloc office</b>
    /moi: invite any member or branch
    /branch branch-code: look at any branch
    /lienket branch-code: link a group to a branch (type it in the group)
help-group =
    In groups the bot answers /branch, /lichhop, /chitieu, /thongbao and /tim.
    A branch secretary types <code>/lienket branch-code</code> to link this group to the branch.

## /branch

branch-no-branch = You do not belong to a listed branch. The office can look at a branch with <code>/branch branch-code</code>, e.g. <code>/branch CB01</code>.
branch-not-found = No branch matches “{ $query }”. Type a branch code (e.g. <code>/branch CB01</code>) or part of its name.
branch-ambiguous = Several branches match “{ $query }”; type one of these codes:
branch-only-own = You can only see your own branch. Type /branch without arguments.
branch-group-unlinked = This group is not linked to a branch yet. A branch secretary types <code>/lienket branch-code</code> to link it.
branch-card-title = <b>{ $name }</b> ({ $code })
branch-card-kind = Kind: { $kind }
branch-card-parent = Part of: { $parent }
branch-card-cluster = Emulation group: { $cluster }
branch-card-secretary = Secretary: { $names }
branch-card-deputy = Deputy secretary: { $names }
branch-card-none = none yet
branch-card-linked = Members linked to Telegram: { $linked }/{ $total }
branch-card-groups = Linked Telegram groups: { $groups }
branch-card-children = Subordinate cells: { $count }
branch-card-next-meeting = Next meeting: { $meeting }
branch-card-no-meeting = none scheduled
branch-card-inactive = ⚠️ This branch is no longer active.

## Groups and /lienket

group-welcome =
    Hello! I am the assistant of <b>{ $bloc }</b>.
    A branch secretary types <code>/lienket branch-code</code> to link this group to the branch; meeting schedules and notices of the branch will then be sent here.
link-private = /lienket works in the branch's Telegram group: add the bot to the group, then type <code>/lienket branch-code</code> there.
link-usage = Type <code>/lienket branch-code</code>, e.g. <code>/lienket CB01</code>.
link-confirm = Link this group to <b>{ $branch }</b>?
link-confirm-button = Link to { $branch }
link-done = ✅ Group <b>{ $title }</b> is now linked to <b>{ $branch }</b>. Meetings and notices of the branch will be sent here.
link-already = This group is already linked to <b>{ $branch }</b>.
link-not-allowed = Only the secretary or deputy of <b>{ $branch }</b>, or the bloc office, can link a group to this branch.
link-inactive = <b>{ $branch }</b> is no longer active and cannot be linked.

## /moi

invite-usage =
    Create an invite:
    • <code>/moi member-code</code> (or full name): a personal, single-use invite
    • <code>/moi chibo branch-code [secretary|deputy]</code>: a shared invite for the whole branch
invite-ask = Type a member code (or full name) for a personal invite, or <code>chibo branch-code</code> for a shared branch invite. Type /huy to stop.
invite-cancelled = Invite creation cancelled.
invite-member-not-found = No member “{ $query }” in the branches you manage. Type a member code (e.g. <code>DV0001</code>) or full name.
invite-member-ambiguous = { $count } members match “{ $query }”. Choose one:
invite-member-already-linked = Member <b>{ $name }</b> is already linked to Telegram; no invite needed.
invite-member-created =
    Invite for <b>{ $name }</b> ({ $branch }), single use, expires { $expires }:
    { $link }
    Send this link to that person privately.
invite-branch-created =
    Shared invite for <b>{ $branch }</b> (role: { $role }), expires { $expires }:
    { $link }
    Anyone who opens this link is registered as { $role } of the branch: share it only in the branch's closed group.
invite-role-unknown = Role “{ $role }” is not valid. Use: member, secretary or deputy.
invite-no-username = The bot does not know its own username yet; please restart the bot.

## Commands planned for later releases

coming-soon = /{ $command } is being finished and will be available soon.

## Anything else

unhandled-private = I did not understand that. Type /help to see the commands you can use.
