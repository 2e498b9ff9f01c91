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
    To use it you need an <b>invite link</b> from your organisation's secretary or the bloc office. Please open that link in Telegram (or type <code>/start invite-code</code>).
    Your Telegram account id: <code>{ $telegramId }</code> (give this number to the bloc office if asked).
access-group-hint = You are not registered with this bot yet. Please write to the bot privately to find out how to join.
not-allowed = You are not allowed to do this.
not-allowed-command = /{ $command } is for { $who }; you are not allowed to use it.
who-leaders = secretaries, deputy secretaries and the bloc office
who-office = the bloc office
private-only = This command works only in a private chat with the bot. Please open a private chat with the bot and type the command again.
button-expired = This button has expired. Please type the command again.
error-generic = Sorry, something went wrong while handling your request. Please try again in a few minutes.
delivery-overloaded = The bot is overloaded and could not answer your last request. Please send it again in a few minutes.

## /start and invites

start-welcome =
    Hello, comrade <b>{ $name }</b>!
    { $branch }
    You can type /help to see the commands.
start-linked =
    ✅ Your Telegram account is now linked to member <b>{ $name }</b>.
    { $branch }
    You can type /help to see the commands.
start-joined =
    ✅ You are now registered as { $role } of <b>{ $branch }</b>, under the name <b>{ $name }</b>.
    If the name is not right, please ask the bloc office to correct it.
    You can type /help to see the commands.
start-already-linked = This Telegram account is already linked to member <b>{ $name }</b>. No invite is needed.
invite-unknown = This invite code is not valid. Please check the link you received (the code has 16 letters and digits), or ask whoever sent it to send it again.
invite-expired = This invite has expired. Please ask whoever sent it, or the bloc office, for a new one.
invite-used = This invite has already been used. A personal invite works only once; if needed, please ask whoever sent it for a new one.
invite-revoked = This invite has been withdrawn. Please contact whoever sent it.
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
    /tim: search, e.g. <code>/tim sinh hoat chuyen de</code>
    /lichics: meetings as a calendar file for your phone
    /nhacnho: turn meeting reminders by private message on or off
    /language: change language (Tiếng Việt / English)
    /help: this help
help-leader =
    <b>For secretaries and deputy secretaries</b>
    /taolich: schedule a meeting
    /guithongbao: send a notice
    /baocao: report indicator figures
    /diemdanh: take attendance after a meeting
    /suahop, /huyhop: change or cancel a meeting (numbers are in /lichhop)
    /moi: invite members
    /dashboard: the dashboard (indicators, reports, meetings, notices)
    /cancel: cancel what is in progress (scheduling, a notice, a report…)
    /lienket: link a Telegram group to your branch (type it in the group)
help-office =
    <b>For the bloc office</b>
    /moi: invite any member or branch
    /branch branch-code: look at any branch
    /lienket branch-code: link a group to a branch (type it in the group)
    /xuatchitieu: export indicator figures to Excel
help-group =
    In groups the bot answers /branch, /lichhop, /chitieu, /thongbao and /tim.
    A secretary or deputy secretary types <code>/lienket branch-code</code> to link this group to their branch.

## /language

language-name = English
language-switch-button = 🌐 English
language-current = The bot speaks to you in <b>{ $language }</b>. Choose a language:
language-set = ✅ From now on the bot speaks English with you, in notices and reminders too.
language-usage = Unknown language “{ $text }”. Type <code>/language en</code> (English) or <code>/language vi</code> (Tiếng Việt), or <code>/language</code> to choose with a button.

## /branch

branch-no-branch = You do not belong to a listed branch. The bloc office can look up any branch with <code>/branch branch-code</code>, e.g. <code>/branch CB01</code>.
branch-not-found = No branch matches “{ $query }”. Please type a branch code (e.g. <code>/branch CB01</code>) or part of its name.
branch-ambiguous = Several branches match “{ $query }”. Please type one of these codes:
branch-only-own = You can only see your own branch (type /branch without a code).
branch-group-unlinked = This group is not linked to a branch yet. A secretary or deputy secretary types <code>/lienket branch-code</code> to link it.
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
    A secretary or deputy secretary types <code>/lienket branch-code</code> to link this group to their branch; meetings and notices will then be sent here.
link-private = /lienket works in the branch's Telegram group. Please add the bot to the group, then type <code>/lienket branch-code</code> there.
link-usage = Please type <code>/lienket branch-code</code>, e.g. <code>/lienket CB01</code>.
link-confirm = Link this group to <b>{ $branch }</b>?
link-confirm-button = Link to { $branch }
link-done = ✅ Group <b>{ $title }</b> is now linked to <b>{ $branch }</b>. Meetings and notices will be sent here.
link-already = This group is already linked to <b>{ $branch }</b>.
link-not-allowed = Only the secretary or deputy secretary of <b>{ $branch }</b>, or the bloc office, can link a group to this branch.
link-inactive = <b>{ $branch }</b> is no longer active and cannot be linked.

## /moi

invite-usage =
    Create an invite:
    • <code>/moi member-code</code> (or full name): a personal, single-use invite
    • <code>/moi chibo branch-code [secretary|deputy]</code>: a shared invite for the whole branch
invite-ask = Please type a member code (or full name) for a personal invite, or <code>chibo branch-code</code> for a shared branch invite. Type /cancel to stop.
invite-cancelled = Invite creation cancelled.
invite-member-not-found = No member “{ $query }” in the branches you manage. Please type a member code (e.g. <code>DV0001</code>) or full name.
invite-query-too-long = That is too long: { $length } characters, at most { $max }. Please type a member code (e.g. <code>DV0001</code>), a full name, or <code>chibo branch-code</code>.
invite-member-ambiguous = { $count } members match “{ $query }”. Please choose one:
invite-member-already-linked = Member <b>{ $name }</b> is already linked to Telegram; no invite needed.
invite-member-created =
    Invite for <b>{ $name }</b> ({ $branch }), single use, expires { $expires }:
    { $link }
    Please send this link to that member privately.
invite-branch-created =
    Shared invite for <b>{ $branch }</b> (role: { $role }), expires { $expires }:
    { $link }
    Anyone who opens this link is registered as { $role } of <b>{ $branch }</b>: please share it only in the branch's closed group.
invite-role-unknown = Role “{ $role }” is not valid. Please use one of: member, secretary, deputy secretary.

## Conversations (every command that asks questions)

conversation-doing-create-meeting = scheduling a meeting
conversation-doing-edit-meeting = changing a meeting
conversation-doing-broadcast = writing a notice
conversation-doing-report = reporting indicator figures
conversation-doing-invite = creating an invite
conversation-expired = What you were doing ({ $doing }) has expired: there was no answer for over { $minutes } minutes. Please start again if needed.
conversation-interrupted = You are in the middle of { $doing }. Continue or cancel? (If you cancel, I will handle the message you just sent.)
conversation-continue-button = ▶️ Continue
conversation-cancel-button = ✖️ Cancel
conversation-none = Nothing is waiting for an answer any more.
conversation-nothing-to-cancel = There is nothing in progress to cancel.

## Anything else

unhandled-private = I did not understand that. You can type /help to see the commands.

## Notices (/guithongbao, /thongbao)

notice-header = 📢 <b>NOTICE</b> · { $from }
notice-from-office = Office of the Bloc Party Committee
notice-ack-button = ✅ Received
notice-ack-done = Recorded: you received this notice at { $at }.
notice-ack-already = You already confirmed at { $at }.
notice-ack-not-recipient = This notice was not sent to you.
notice-ack-preview = This is a preview: the button works once the notice is sent.
notice-ack-not-needed = This notice does not ask for confirmation.
notice-reminder =
    ⏰ You have not confirmed receiving the notice “{ $title }”.
    Please read it and press “Received” below.
notice-digest =
    📋 Notice “{ $title }”: { $count ->
        [one] 1 member
       *[other] { $count } members
    } of <b>{ $branch }</b> { $count ->
        [one] has
       *[other] have
    } not confirmed:
    { $names }
notice-report-title = 📊 <b>Delivery of the notice “{ $title }”</b>
notice-report-sent = Delivered: { $sent }
notice-report-unreachable = Unreachable: { $count }
notice-report-skipped-member = not sent: this member blocked the bot or has not opened it (messages resume once they write to the bot)
notice-report-skipped-group = not sent: the bot is no longer in this group (messages resume once the group adds the bot back)
notice-report-failed = Failed: { $count }
notice-report-not-linked = Not linked to Telegram (no private message possible): { $count }
notice-report-ack = Acknowledgements: /thongbao { $id }
notice-progress = ⏳ Sending the notice “{ $title }”: sent { $sent }/{ $total } · waiting { $waiting } · failed { $failed }
notice-progress-done = ✅ Finished sending the notice “{ $title }”: { $sent }/{ $total } messages. Details in the next message.

broadcast-ask-content = Please send the notice: a text message (bold, italic and links are kept), or a file or photo with a caption. Type /cancel to stop.
broadcast-cancelled = Notice cancelled. Nothing was sent.
broadcast-empty = The notice is empty. Please send a text message, or a file or photo with a caption.
broadcast-unsupported = Only text, files or photos can be sent. Please send the notice again, or type /cancel to stop.
broadcast-too-long = The notice is too long: { $length } characters, at most { $max }. Please shorten it and send it again.
broadcast-ask-scope = Who should receive it?
broadcast-scope-bloc = The whole bloc
broadcast-scope-cluster = An emulation group
broadcast-scope-branches = Choose branches
broadcast-scope-own = My branch
broadcast-scope-own-sub = My branch and its subordinate cells
broadcast-ask-cluster = Choose the emulation group:
broadcast-branches-unknown = Not found: { $codes }. Please type the branch codes again, e.g. <code>CB01, DB02</code>.
broadcast-branches-not-allowed = You can only send to your own branch.
broadcast-ask-subcells = Include their subordinate cells?
broadcast-subcells-yes = Yes, include subordinate cells
broadcast-subcells-no = No
broadcast-ask-people = How should it be sent?
broadcast-people-private = Private message to each member
broadcast-people-groups = The branches' Telegram groups
broadcast-people-both = Both
broadcast-people-secretaries = Private message to secretaries only
broadcast-nobody = Nobody would receive the notice with this choice (no linked members or groups). Please choose the audience again.
broadcast-ask-ack = Ask recipients to press “Received”?
broadcast-ack-yes = Yes, ask for confirmation
broadcast-ack-no = No
broadcast-ask-when = When should it be sent?
broadcast-when-now = Send now
broadcast-when-later = Schedule
broadcast-ask-time = Please type the date and time, e.g.: { $examples }
broadcast-time-invalid = I did not understand “{ $text }”. Please use one of: { $examples }
broadcast-time-past = { $at } is in the past. Please type a time in the future.
broadcast-preview-intro = Preview, exactly as recipients will see it:
broadcast-summary =
    <b>Check before sending</b>
    Audience: { $scope }
    Recipients: { $people ->
        [one] 1 person
       *[other] { $people } people
    } · private messages: { $private } · groups: { $groups }
    Not linked to Telegram: { $notLinked }
    “Received” confirmation: { $ack }
    Sending time: { $when }
broadcast-scope-desc-bloc = the whole bloc
broadcast-scope-desc-cluster = emulation group { $names }
broadcast-scope-desc-branches = { $names }
broadcast-scope-desc-sub = (with subordinate cells)
broadcast-scope-desc-secretaries = , secretaries only
broadcast-when-now-desc = as soon as confirmed
broadcast-yes = yes
broadcast-no = no
broadcast-confirm-button = ✅ Confirm and send
broadcast-cancel-button = ✖ Cancel
broadcast-confirmed-now = Confirmed. Sending…
broadcast-confirmed-later = 🕑 Scheduled for { $at }. See or cancel it: /thongbao
broadcast-not-author = You cannot confirm or cancel someone else's draft.
broadcast-not-draft = This notice has already been handled.
broadcast-past = The scheduled time has passed. Please write the notice again (/guithongbao).
broadcast-draft-cancelled = Draft cancelled. Nothing was sent.
broadcast-scheduled-cancelled = Scheduled notice “{ $title }” cancelled.
broadcast-already-sent = The notice has already been sent and cannot be cancelled.

notices-none = No notices have been sent to you yet.
notices-title = <b>Latest notices</b>
notices-line = { $mark } { $date } · { $title } (/thongbao { $id })
notices-authored-title = <b>Notices you sent</b>
notices-authored-line = { $status } { $date } · { $title } (/thongbao { $id })
notices-status-scheduled = 🕑 scheduled { $at }
notices-status-sending = ⏳ sending
notices-status-sent = 📨 sent
notices-cancel-button = Cancel #{ $id }: { $title }
notices-not-found = Notice { $id } is not among the notices you can see. You can type /thongbao for the list.
notices-usage = Please type /thongbao for the latest notices, or /thongbao notice-number, e.g. <code>/thongbao 12</code>.
notices-ack-summary = <b>Notice #{ $id }: “{ $title }”</b>
    Confirmed: { $acked }/{ $total } ({ $rate }%)
notices-ack-not-required = <b>Notice #{ $id }: “{ $title }”</b> (no confirmation asked)
notices-ack-branch = • { $branch }: { $acked }/{ $total } ({ $rate }%)
notices-ack-branches-title = By organisation, lowest rate first (page { $page }/{ $pages }):
notices-ack-hint = Press an organisation to see who has not confirmed; the full list is in the .xlsx file.
notices-ack-no-branch = Not in any grassroots organisation
notices-ack-branch-button = { $branch } · { $missing } left
notices-ack-missing-title = <b>{ $branch }</b> · notice #{ $id } “{ $title }”
    Not confirmed: { $missing }/{ $total } (page { $page }/{ $pages }):
notices-ack-missing-line = { $n }. { $name }{ $code }{ $unlinked }
notices-ack-missing-unlinked = {" "}· not linked to Telegram
notices-ack-all-done = <b>{ $branch }</b> · notice #{ $id } “{ $title }”
    All { $total } have confirmed.
notices-ack-back-button = ↩ All organisations
notices-export-button = 📥 Download the list (.xlsx)
notices-export-caption = Recipients of notice #{ $id } “{ $title }”: { $count }, with delivery and confirmation times.
notices-delivery = Sent { $sent } messages · waiting { $waiting } · failed { $failed }

## Meetings

meeting-kind-regular = Regular branch meeting
meeting-kind-regular-combined = Regular meeting with a thematic session
meeting-kind-thematic = Thematic meeting
meeting-kind-committee = Committee conference
meeting-kind-briefing = Resolution briefing
meeting-kind-congress = Congress
meeting-kind-other = Meeting
weekday-0 = Sunday
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
meeting-whole-bloc = The whole bloc
meeting-card-title = 📅 <b>{ $title }</b>
meeting-card-who = { $kind } · { $branch }
meeting-card-when = 🕑 { $weekday }, { $date }, { $start }–{ $end }
meeting-card-where = 📍 { $location }
meeting-card-agenda = 📝 { $agenda }
meeting-card-docs = 📎 { $count ->
    [one] 1 document
   *[other] { $count } documents
}
meeting-card-repeat = 🔁 Repeats: { $rule }
meeting-card-rsvp = Replies: { $yes } attending · { $no } absent · { $none } no reply
meeting-button-yes = ✅ Attending
meeting-button-no = ❌ Absent
meeting-button-docs = 📎 Documents
meeting-button-move = 🔁 Reschedule
meeting-button-cancel = 🗑 Cancel meeting
meeting-new = 🆕 <b>New meeting</b>
meeting-reminder = ⏰ <b>Meeting reminder</b>: in { $in }
meeting-late-note = ⚠️ This reminder is late because the system was down.
meeting-moved = 🔁 <b>Meeting moved</b> from { $from } to the time below.
meeting-edited = ✏️ <b>Meeting details updated</b>
meeting-cancelled = 🗑 <b>Meeting cancelled</b>: { $title }, { $when }.
duration-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
duration-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
duration-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
meeting-digest-title = ☀️ <b>Today's meetings, { $date }</b>
meeting-digest-line = • { $time } · { $branch } · { $title }{ $location }
meeting-digest-none = No meetings in the bloc today.
meeting-no-regular = 📅 <b>{ $branch }</b> has no regular meeting scheduled for { $month }. Please schedule it with /taolich.
meeting-no-thematic-title = 📋 <b>{ $period }</b>: branches with no thematic meeting ({ $count }):
meeting-no-thematic-none = 📋 <b>{ $period }</b>: every branch held a thematic meeting.
meeting-no-documents = 📎 The meeting “{ $title }” ({ $when }) has no documents yet. Documents should be sent at least a day before; please type /suahop { $id } to add them.
meeting-absence-flag = ⚠️ <b>{ $name }</b> has been absent { $count } times in { $year } without a valid reason. Under the Party Charter, the branch considers such a case.

meetings-none = No meetings in the next 30 days.
meetings-title = <b>Meetings in the next 30 days</b>{ $scope }
meetings-range-title = <b>Meetings { $range } ({ $dates })</b>{ $scope }
meetings-range-none = No meetings { $range } ({ $dates }).
range-today = today
range-tomorrow = tomorrow
range-this-week = this week
range-next-week = next week
range-this-month = this month
range-next-month = next month
meetings-not-allowed-branch = You can only see your own branch's meetings (type /lichhop without a code).
meeting-not-found = Meeting { $id } not found. You can type /lichhop for the schedule.
meeting-rsvp-yes = Recorded: you will attend.
meeting-rsvp-no = Recorded: you will be absent. Please reply to the message that asks for the reason.
meeting-rsvp-ask-reason = You will miss “{ $title }” ({ $when }): please reply to this message with the reason (e.g. a business trip).
meeting-rsvp-reason-placeholder = Reason for absence
meeting-rsvp-reason-saved = Reason recorded: { $reason }
meeting-rsvp-reason-too-long = The reason is too long: { $length } characters, at most { $max }, so it was not recorded. Please reply to the question about the reason again, more briefly.
meeting-rsvp-not-member = This meeting is not one of your branch's.
meeting-rsvp-closed = The meeting has started or was cancelled; replies are closed.
meeting-docs-none = This meeting has no documents yet.
meeting-ics-none = No upcoming meetings to export.
meeting-ics-caption = Upcoming meetings ({ $count }). Open the file to add them to your phone's calendar.

create-ask-kind = Please choose the kind of meeting:
create-ask-branch = Which branch? Please type a branch code (e.g. <code>CB01</code>) or <code>khoi</code> for a meeting of the whole bloc.
create-ask-branch-choice = Which branch?
create-branch-not-found = No branch “{ $query }”. Please type a branch code, e.g. <code>CB01</code>, or <code>khoi</code>.
create-ask-time = Date and time? For example: { $examples }
create-time-invalid = I did not understand “{ $text }”. Please use one of: { $examples }
create-time-past = { $at } is in the past. Please type a time in the future.
create-ask-duration = Duration? (default { $minutes } minutes)
create-duration-default = { $minutes } minutes
create-duration-other = Other
create-ask-duration-minutes = Please type the duration in minutes, 30 to 480, e.g. <code>150</code>.
create-duration-invalid = The duration must be 30 to 480 minutes, e.g. <code>150</code>.
create-ask-location = Where? (e.g. 2nd-floor hall)
create-ask-title = Topic? (type <code>-</code> to use “{ $default }”)
create-default-title-month = { $kind }, { $month }
create-ask-agenda = Agenda, what to prepare? (type <code>-</code> if there is none yet)
create-location-too-long = The place is too long: { $length } characters, at most { $max }. Please type it again, more briefly.
create-title-too-long = The topic is too long: { $length } characters, at most { $max }. Please type a shorter topic; the details go in the agenda, asked next.
create-agenda-too-long = The agenda is too long: { $length } characters, at most { $max }. Please shorten it and send it again; the full text can be sent as a document at the next step.
create-ask-documents = Please send the documents (files or photos), one at a time; then press “Done”, or “No documents”.
create-documents-added = { $count ->
    [one] 1 document
   *[other] { $count } documents
} received. You can send more, or press “Done”.
create-documents-done = Done
create-documents-none = No documents
create-ask-repeat = Does the meeting repeat?
create-repeat-none = Does not repeat
create-repeat-monthly-day = Monthly, on day { $day }
create-repeat-monthly-nth = Monthly, on the { $nth } { $weekday }
create-repeat-monthly-last = Monthly, on the last { $weekday }
create-repeat-quarterly = Quarterly, on day { $day } of month { $month } of the quarter
create-nth-1 = first
create-nth-2 = second
create-nth-3 = third
create-nth-4 = fourth
create-preview-intro = Meeting preview:
create-confirm-button = ✅ Confirm
create-cancel-button = ✖ Cancel
create-confirmed = ✅ Meeting scheduled. The branch and its members will be told and reminded.
create-discarded = Cancelled. No meeting was created.
create-not-author = You cannot confirm someone else's draft.
create-not-draft = This meeting has already been handled.
create-past = The meeting time has passed. Please start again with /taolich.
create-cancelled = Meeting creation stopped.

edit-usage = Please type <code>/suahop meeting-number</code> or <code>/huyhop meeting-number</code>, e.g. <code>/suahop 12</code>. Numbers are shown in /lichhop.
edit-not-allowed = Only the secretary or deputy secretary of the meeting's branch, or the bloc office, can change this meeting.
edit-ask-what = What would you like to change in “{ $title }”?
edit-what-time = Time
edit-what-location = Place
edit-what-documents = Add documents
edit-what-series = The whole series (from now on)
edit-ask-new-time = New time? For example: { $examples }
edit-ask-new-location = New place?
edit-done = ✅ Updated. Everyone already told will get the new details.
edit-series-ask-time = New time for the whole series (from now on)? E.g. <code>14h00</code>.
edit-series-done = ✅ Series updated from now on ({ $count ->
    [one] 1 upcoming meeting
   *[other] { $count } upcoming meetings
}).
cancel-confirm = Cancel “{ $title }” ({ $when })? Everyone already told will be notified.
cancel-confirm-button = 🗑 Cancel the meeting
cancel-keep-button = Keep it
cancel-done = 🗑 Meeting cancelled. Everyone already told will be notified.
cancel-kept = The meeting stays as it is.
edit-past = The meeting is over or cancelled and can no longer be changed.

att-usage = Choose the meeting to take attendance for (held in the last 14 days):
att-none = No meetings held in the last 14 days to take attendance for.
att-title = <b>Attendance: { $title }</b> ({ $when })
att-help = Tap a name to change: ✅ present → 🟡 absent with reason → 🔴 absent without reason. Unmarked members count as present when you press “Finish”.
att-rsvp-no-hint = (said absent)
att-finish = ✔ Finish attendance
att-done = ✅ Attendance saved for “{ $title }”: present { $present }/{ $total } ({ $rate }%).
att-flagged = ⚠️ { $names }: absent three or more times this year without a valid reason. The secretary has been told, so that the branch can consider it under the Party Charter.

## Indicators (/chitieu, /baocao)

status-reached = ✅ Reached
status-on_track = 🟢 On track
status-behind = 🟠 Behind schedule
status-pending = 🔵 Assessed at year end
status-missed = 🔴 Missed
status-no_data = ⚪ No data yet
kind-yearly_percent = yearly percentage, assessed at year end
kind-term_count = count over the term
kind-yearly_count = count per year
kind-percent_by_date = percentage to reach by { $year }
kind-upper_bound = yearly maximum
ind-none = No resolution is in force in the system yet. The bloc office will enter the indicators; if you need them now, please contact the office.
ind-overview-title = <b>Targets of { $resolution }</b> ({ $term }) · { $period }
ind-overview-reported = Fully reported for { $period }: { $reported }/{ $expected } grassroots organisations
ind-line = { $n }. <b>{ $title }</b> ({ $code })
ind-target-percent = at least { $target }%
ind-target-none = no { $unit } at all
ind-target-at-most = at most { $target } { $unit }
ind-unit-fallback = cases
ind-figure-percent = { $value } · target { $target }
ind-figure-count = { $value }/{ $target }
ind-figure-bound = { $value } · target: { $target }
ind-figure-none = no data
ind-pace = { $remaining } more needed in the next { $months ->
        [one] month
       *[other] { $months } months
    }
ind-pace-monthly = { $remaining } more needed in the next { $months ->
        [one] month
       *[other] { $months } months
    }, about { $perMonth } a month
ind-detail-hint = For details, type <code>/chitieu indicator-code</code>, e.g. <code>/chitieu { $code }</code>.
ind-not-found = No indicator matches “{ $query }”. Please type /chitieu for the list and the codes.
ind-ambiguous = Several indicators match “{ $query }”. Please type one of these codes:
ind-detail-title = <b>{ $code } · { $title }</b>
ind-detail-term = { $resolution }, { $term }
ind-detail-term-over = { $resolution }, { $term } (over)
ind-detail-source = <i>“{ $source }”</i>
ind-detail-target = Target: { $target } ({ $kind })
ind-detail-now = Now ({ $period }): { $figure } { $bar } · { $status }
ind-detail-final = End of term (figures up to { $period }): { $figure } { $bar } · { $status }
ind-detail-reported = Reported for { $period }: { $reported }/{ $expected } grassroots organisations
ind-detail-reported-yearly = This indicator is reported in Q4 each year, when the year is assessed.
ind-detail-years = <b>By year</b>
ind-detail-year = { $year }: { $figure } · { $status }
ind-detail-year-partial = { $year } (up to { $quarter })
ind-detail-best = <b>Highest</b>
ind-detail-worst = <b>Lowest</b>
ind-detail-most = <b>Most</b>
ind-detail-least = <b>Fewest</b>
ind-detail-all-same = All { $count } grassroots organisations stand at { $value } (each by its latest figures).
ind-detail-branch-line = { $n }. { $branch }: { $figure }
ind-detail-own = Your grassroots organisation ({ $branch }): { $figure } · whole bloc: { $bloc }
ind-detail-own-none = Your grassroots organisation ({ $branch }) has no figure up to { $period }.
ind-detail-other-term = The same code in the { $term }: <code>{ $command }</code>
ind-chart-caption = { $title } ({ $term })
chart-subtitle = { $term } · figures up to { $period }
chart-subtitle-over = { $term } (over) · last figures: { $period }
chart-target-yearly_percent = Yearly target: { $target }
chart-target-percent_by_date = Target: { $target } by { $year }
chart-target-term_count = Target for the term: { $target } (running total)
chart-target-yearly_count = Target each year: { $target }
chart-target-upper_bound = Target each year: { $target }
chart-target-mark = Target
chart-no-data = no data yet
chart-partial = up to { $quarter }
chart-pace = steady pace to the target
chart-branches = By grassroots organisation
chart-branches-percent = By grassroots organisation: highest { $shown } and lowest { $shown } (of { $total })
chart-branches-count = By grassroots organisation: most { $shown } and fewest { $shown } (of { $total })
chart-branches-same = All { $total } grassroots organisations stand at { $value } (latest figures).

report-no-branch = You do not belong to a grassroots organisation, so there is nothing to report. The office reports for an organisation with <code>/baocao organisation-code</code>.
report-office-choose = Please choose the grassroots organisation to report the { $period } figures for. { $owing } of { $total } organisations have not reported in full (or type <code>/baocao organisation-code</code>).
report-office-all-done = Every grassroots organisation has reported its { $period } figures in full. To correct an organisation's figures, please type <code>/baocao organisation-code</code>.
report-not-reporting = { $branch } is a subordinate cell: its grassroots committee reports the figures.
report-not-own = You can only report your own grassroots organisation's figures.
report-closed = The resolution of the { $term } is over; no more reports are taken.
report-ask-indicator = <b>Report figures for { $period }</b> · { $branch }
    Please choose the indicator (⏳ not reported, ✔ reported, 🗓 reported in Q4, when the year is assessed):
report-ask-percent = <b>{ $title }</b>: please type two numbers as <code>achieved/total</code>, where achieved is { $num } and total is { $den }. E.g. <code>45/50</code>.
report-ask-percent-plain = <b>{ $title }</b>: please type two numbers as <code>achieved/total</code>, e.g. <code>45/50</code>.
report-ask-count = <b>{ $title }</b>: please type { $what }. E.g. <code>12</code>.
report-count-term = the total { $unit } since the start of the term
report-count-year = the total { $unit } since 1 January
report-count-bound = the current number of { $unit }
report-previous = Last report ({ $period }): { $figure }.
report-not-number = “{ $text }” is not a figure. Please type digits only (1200 or 1.200 both work), e.g. { $example }.
report-not-whole = “{ $text }” is not a whole number. Please type whole numbers, e.g. { $example }.
report-negative = Figures cannot be negative. Please type them again, e.g. { $example }.
report-too-large = That figure is too large: no grassroots organisation has more than { $max }. Please check it and type it again, e.g. { $example }.
report-zero-denominator = The total must be above 0. Please type <code>achieved/total</code> again, e.g. <code>45/50</code>.
report-numerator-above = The number achieved ({ $num }) cannot be larger than the total ({ $den }). Please type them again, e.g. <code>45/50</code>.
report-denominator-required = This indicator is a percentage. Please type <code>achieved/total</code>, e.g. <code>45/50</code>.
report-needs-note = The figure ({ $value }) is lower than the last report ({ $previous }). Please type a note explaining why (e.g. { $example }), or /cancel to stop.
report-note-too-long = The note is too long: { $length } characters, at most { $max }. Please type a shorter note, or /cancel to stop.
report-note-example-term = the last report was wrong; the correct total since the start of the term is { $value } { $unit }
report-note-example-year = the last report was wrong; the correct total since 1 January is { $value } { $unit }
report-check = <b>Please check</b>: { $branch } · { $period }
    { $title }: { $figure } · target { $target }
    Whole bloc after this report: { $bloc }
report-warning-above-members = ⚠️ The total ({ $denominator }) is larger than the number of members of { $branch } on the list ({ $members }). Please check it; if the figure is right, press “✅ Confirm the report” all the same.
report-check-how = Press “✅ Confirm the report” to record it. To change it, type the figures again (e.g. { $example }); press “✖ Cancel” to stop.
report-confirm-button = ✅ Confirm the report
report-cancel-button = ✖ Cancel
report-saved = ✅ Figures for “{ $title }” ({ $period }) recorded. You may type /baocao to report another indicator.
report-correction = (Replaces the earlier figure: { $previous }; the old one stays in the history.)
report-cancelled = Report cancelled. Nothing changed.
report-nudge =
    📊 Reminder: the indicator figures of <b>{ $branch }</b> for { $period } are due by { $deadline }. { $count ->
        [one] 1 indicator
       *[other] { $count } indicators
    } still to report:
    { $list }
    Please type /baocao to report.
report-missing-title = 📋 The { $period } deadline has passed: { $count ->
    [one] 1 grassroots organisation has
   *[other] { $count } grassroots organisations have
} not reported everything:
report-missing-none = ✅ Every grassroots organisation has reported everything for { $period }.
export-caption = Indicator figures by grassroots organisation and period.

## Meeting reminder settings (/nhacnho) and attendance

att-not-started = The meeting has not started yet: attendance cannot be taken.
reminders-status = <b>Meeting reminders by private message</b>: { $state }. Type <code>/nhacnho tat</code> to turn them off, <code>/nhacnho bat</code> to turn them on. When off, you are still told about new, moved and cancelled meetings, and the branch's groups are still reminded.
reminders-state-on = on
reminders-state-off = off
reminders-branch-status = <b>{ $branch }</b> is reminded before meetings: { $offsets }.
reminders-branch-how = Secretaries and deputy secretaries change this with <code>/nhacnho 1 ngay, 2 gio</code> (up to 4, from 5 minutes to 14 days), or <code>/nhacnho mac dinh</code> for the default (1 day and 2 hours).
reminders-private-off = 🔕 Meeting reminders by private message are off. You are still told about new, moved and cancelled meetings. Type <code>/nhacnho bat</code> to turn them back on.
reminders-private-on = 🔔 Meeting reminders by private message are on.
reminders-offsets-set = ✅ <b>{ $branch }</b> will be reminded before meetings: { $offsets }.
reminders-offsets-invalid = I did not understand “{ $text }”. Please type the reminder times separated by commas, e.g. <code>/nhacnho 1 ngay, 2 gio</code> or <code>/nhacnho 3 ngay, 30 phut</code> (up to 4, from 5 minutes to 14 days).
reminders-offsets-not-allowed = Only secretaries and deputy secretaries can set when their branch is reminded. You can type <code>/nhacnho tat</code> or <code>/nhacnho bat</code> to turn private reminders off or on.
edit-cancelled = Stopped editing the meeting. Nothing changed.

## Search (/tim, plain messages, inline mode)

search-usage = Please type <code>/tim words</code>, e.g. <code>/tim sinh hoat chuyen de</code> (with or without diacritics).
search-too-long = The search is too long ({ $length } characters). Please keep it under { $max } characters, e.g. <code>/tim ket nap</code>.
search-empty = There are no letters or digits to search for. Please type words, e.g. <code>/tim hoi nghi</code>.
search-none = Nothing found for “{ $query }”. You can try other, shorter words.
search-title = 🔎 Results for “{ $query }”:
search-kind-branch = 🏛
search-kind-member = 👤
search-kind-meeting = 📅
search-kind-notice = 📢
search-kind-indicator = 📊
search-inline-branch = 🏛 { $kind }
search-inline-member = 👤 Member
search-inline-meeting = 📅 Meeting at { $when }
search-inline-notice = 📢 Notice of { $date }
search-inline-indicator = 📊 Resolution target
search-help = I did not understand. You can ask “lịch họp” (meetings), “chỉ tiêu kết nạp” (targets), or type words to search. You can type /help for the commands.
search-branch-brief = 🏛 <b>{ $name }</b> ({ $code }) · { $kind }
search-member-card = 👤 <b>{ $name }</b> ({ $code })
    { $branch } · { $roles }
    Telegram: { $linked }
search-linked-yes = linked
search-linked-no = not linked
search-not-visible = You cannot see this item.

# Messages Telegram would not take, told to whoever caused them (services/delivery-failures.ts)
delivery-failed-title = ⚠️ <b>A message could not be delivered</b>
delivery-failed-count = Not delivered to: { $count ->
    [one] 1 recipient
   *[other] { $count } recipients
} (people or Telegram groups).
delivery-failed-reason = Reason: { $reason }.
delivery-failed-what-meeting-new = The announcement of the meeting “{ $title }” ({ $when })
delivery-failed-what-meeting-chg = The update about the meeting “{ $title }” ({ $when })
delivery-failed-what-meeting-r = The reminder of the meeting “{ $title }” ({ $when })
delivery-failed-what-meeting-nodocs = The reminder to add documents to the meeting “{ $title }” ({ $when })
delivery-failed-what-notice-nudge1 = The reminder to acknowledge the notice “{ $title }”
delivery-failed-what-notice-nudge2 = The list of members who have not acknowledged the notice “{ $title }”, for secretaries
delivery-failed-what-digest = Today's meetings, for the office
delivery-failed-what-nudge-regular = The reminder to secretaries to schedule next month's meeting
delivery-failed-what-thematic-report = The cells that held no thematic meeting this quarter
delivery-failed-what-absence-flag = The notice of a member absent without reason
delivery-failed-what-report-nudge = The reminder to report indicators
delivery-failed-what-report-missing = The organisations that have not reported their indicators
delivery-failed-what-other = An automatic message of the system
delivery-reason-too-long = the message is longer than Telegram allows
delivery-reason-bad-markup = the message's formatting is invalid (a fault of the system; please tell the administrator)
delivery-reason-empty = the message has no content
delivery-reason-bad-file = the attached file or photo can no longer be used on Telegram; please send the file again
delivery-reason-bad-button = a button of the message is invalid (a fault of the system; please tell the administrator)
delivery-reason-chat-not-found = Telegram does not know the chat: the recipient has never opened the bot, or the group is gone
delivery-reason-not-started = the recipient has not opened the bot (never pressed Start in a chat with it)
delivery-reason-blocked = the recipient blocked the bot
delivery-reason-deactivated = the recipient's Telegram account was deleted
delivery-reason-removed-from-group = the bot is no longer in the group
delivery-reason-unavailable = Telegram did not answer after many attempts
delivery-reason-other = Telegram refused the message ({ $detail })

## /dashboard: the dashboard (a Telegram Mini App) and its API's labels

dashboard-open = <b>Dashboard</b>: indicators, reports, branch meetings, notices and the bot's coverage for the organisations in your scope. Tap the button below to open it.
dashboard-button = 📊 Open the dashboard
dashboard-menu-button = Dashboard
dashboard-group = The dashboard opens only in a private chat with the bot. Tap the button below to open the private chat, then tap the button that opens the dashboard.
dashboard-group-button = 🔒 Open in a private chat
dashboard-not-configured = The dashboard is not set up for this bot (its web address, WEBAPP_URL, is missing). Please ask the bot's administrator at the bloc office.
dash-author-office = Bloc committee office
dash-month = month { $month }
dash-yes = Yes
dash-no = No
dash-trend-up = up
dash-trend-down = down
dash-trend-flat = unchanged
dash-mark-held = held
dash-mark-missed = not held
dash-mark-planned = scheduled
dash-mark-none = not scheduled yet
dash-delivery-delivered = delivered
dash-delivery-waiting = waiting to be sent
dash-delivery-unreachable = unreachable
dash-delivery-failed = failed
dash-delivery-cancelled = cancelled
dash-delivery-not_linked = Telegram not linked
dash-delivery-groups_only = sent to groups only
dash-col-organisation = Organisation
dash-col-cluster = Cluster
dash-col-indicator = Indicator
dash-col-target = Target
dash-col-value = Figure
dash-col-status = Status
dash-col-reported = Reported
dash-col-last-report = Last report
dash-col-trend = Trend
dash-col-period = Quarter
dash-col-numerator = Count
dash-col-denominator = Out of
dash-col-note = Note
dash-col-reported-at = Reported at
dash-col-missing = Indicators not reported
dash-col-reminded = Reminded at
dash-col-attendance = Attendance
dash-col-thematic = Thematic { $quarter }
dash-col-absentee = Members absent 3 times or more without a reason
dash-col-absences = Absences
dash-col-title = Notice
dash-col-sent = Sent on
dash-col-author = From
dash-col-recipients = Recipients
dash-col-delivered = Delivered
dash-col-unreachable = Unreachable
dash-col-not-linked = Telegram not linked
dash-col-acknowledged = Acknowledged
dash-col-reason = Reason
dash-col-count = People
dash-col-name = Full name
dash-col-delivery = Delivery
dash-col-ack-at = Acknowledged at
dash-col-members = Members
dash-col-linked = Telegram linked
dash-col-groups = Linked Telegram groups
dash-col-total = Total
dash-col-meeting = Meeting
dash-col-when = When
dash-col-kind = Kind
dash-col-attended = Present

## i14-claim

claim-welcome =
    ✅ Comrade <b>{ $name }</b>, you are now the office admin of the bloc committee.
    Please choose how to begin:
    • <b>Use demo data</b>: the bot makes a sample bloc (organisations, members, resolution targets) so that you can try the commands at once.
    • <b>Start empty</b>: the bot makes nothing; you import your real organisations and members.
claim-button-demo = 🧪 Use demo data
claim-button-empty = 📄 Start empty
claim-expired = This admin claim code has expired. Please ask the server's operator for a new link: each time the bot starts without an admin, its log shows a new one.
claim-closed = This admin claim code is no longer valid: the bloc office already has an admin. If you need admin rights, please ask that admin.
claim-admin-only = Only an admin can choose how to begin.
claim-offer-gone = How to begin has already been chosen; this choice is no longer valid and nothing changed.
claim-offer-not-empty = The bloc already has organisations, so there is nothing to choose any more; nothing changed.
claim-demo-done =
    ✅ Demo data <b>{ $bloc }</b> created: { $branches } organisations, { $members } members.
    Try it now: /help for the commands, /branch for a summary of the bloc.
    The demo data is for trying the bot out; for real use, the server's operator runs the bot on a new database.
claim-empty-done =
    You chose to start empty.
    { first-steps }
first-steps =
    To begin, please:
    1. Import your organisations and members from an Excel file: the server's operator uses the bot's import command (steps and columns in the bot's README, under importing).
    2. Then invite the organisations' secretaries with /moi, e.g. <code>/moi chibo CB01 bí thư</code>; each secretary then invites their own members.
    Type /help to see the commands.
bloc-summary-title = <b>{ $bloc }</b>
bloc-summary-branches = Organisations: { $total } ({ $committees } grassroots Party committees, { $cells } grassroots Party cells, { $subcells } subordinate cells)
bloc-summary-clusters = Emulation groups: { $count }
bloc-summary-linked = Members linked to Telegram: { $linked }/{ $total }
bloc-summary-groups = Linked Telegram groups: { $count }
bloc-summary-pointer = You belong to no organisation; to see one, type <code>/branch code</code>, e.g. <code>/branch { $code }</code>.
bloc-empty =
    <b>{ $bloc }</b> has no organisations yet.
    { first-steps }
## i14-lists
paging-page = (page { $page }/{ $pages })
paging-prev = ◀ Previous
paging-next = Next ▶
paging-not-yours = This list belongs to whoever asked. Please type the command yourself to see it.
meetings-list-line = { $n }. <b>{ $date } { $time }</b> · { $kind } · { $title }{ $branch }
meetings-list-hint = Tap a meeting to see its details, reply that you will attend, or send your apologies.
meetings-list-back = ◀ Meetings
meetings-list-gone = This meeting has been cancelled; the list is up to date again.
meeting-kind-short-regular = Regular
meeting-kind-short-regular-combined = Regular with thematic
meeting-kind-short-thematic = Thematic
meeting-kind-short-committee = Committee
meeting-kind-short-briefing = Resolution briefing
meeting-kind-short-congress = Congress
meeting-kind-short-other = Meeting
att-marked = { $marked } of { $total } marked.
broadcast-ask-branches-pick = Please type the codes of the organisations, separated by commas, e.g. <code>CB01, DB02</code>; or tick them below and press “Done”.
broadcast-branches-done = ✔ Done ({ $count } chosen)
broadcast-branches-none-chosen = You have not chosen any organisation. Please tick at least one, or type codes.
## i14-habits

bot-description =
    The Telegram assistant of { $bloc }, for its officials and Party members:
    • meetings of each Party organisation, with reminders before they start;
    • notices and documents, with acknowledgement;
    • resolution targets and the figures reported;
    • quick lookups.
    Only registered members can use it. Please open the invite link your organisation's secretary or the bloc office sent you, then press Start.
bot-description-unnamed =
    The Telegram assistant of the Party bloc, for its officials and Party members:
    • meetings of each Party organisation, with reminders before they start;
    • notices and documents, with acknowledgement;
    • resolution targets and the figures reported;
    • quick lookups.
    Only registered members can use it. Please open the invite link your organisation's secretary or the bloc office sent you, then press Start.
bot-short-description = Assistant of { $bloc }: meetings, notices and resolution targets for officials and Party members.
bot-short-description-unnamed = The Party bloc's assistant: meetings, notices and resolution targets for officials and Party members.
invite-share-button = 📤 Forward the invite
invite-share-text = An invitation to the Party bloc's bot on Telegram: please open this link, then press Start.
inline-stranger-button = Open the bot to learn how to join
## i14-cal
calendar-usage = Send /lichics for the meetings as a calendar file (.ics), or <code>/lichics cancel</code> to revoke your calendar subscription address.
calendar-button-subscribe = 📅 Subscribe in my phone's calendar
calendar-button-renew = 🔄 Make a new address
calendar-button-revoke = 🗑 Revoke the address
calendar-sub-disabled = Calendar subscriptions that update themselves are not enabled for this bot.
calendar-sub-disabled-office = Calendar subscriptions that update themselves are not enabled: the bot's administrator needs to set its public address (<code>PUBLIC_URL</code>, see the README).
calendar-sub-new =
    <b>Subscribe to the meetings in your phone's calendar</b>
    Your personal address (tap to copy; please do not share it):
    <code>{ $https }</code>

    How to add it:
    • iPhone, iPad: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar, then paste the address above. On a Mac, or to open it in Safari: <code>{ $webcal }</code>
    • Google Calendar: on a computer, open calendar.google.com → Other calendars → + → From URL, then paste the address; the calendar then shows on Android phones too.
    • Outlook: Add calendar → Subscribe from web, then paste the address.

    Calendar apps refresh on their own schedule (usually every few hours). If the address leaks, send <code>/lichics cancel</code> or press the button below; you can then make a new one.
calendar-sub-exists = You already have a calendar subscription address (made at { $since }), in the message the bot sent then; for safety the bot does not keep it to send again. If needed, make a new address (the old one stops working) or revoke it.
calendar-sub-revoked = The calendar subscription address is revoked: calendar apps using it get no more meetings (you may remove that calendar from the app). To subscribe again, send /lichics and press “Subscribe in my phone's calendar”.
calendar-sub-none = You have no calendar subscription address; there is nothing to revoke.
calendar-private-only = A calendar subscription address is personal: please send /lichics in your private chat with the bot.
## i14-groups
link-done-topic = ✅ Group <b>{ $title }</b> is now linked to <b>{ $branch }</b>. The branch's meetings and notices will be sent to this topic.
link-done-general = ✅ Group <b>{ $title }</b> is now linked to <b>{ $branch }</b>. Meetings and notices will be sent to the group's General topic. To receive them in a topic, type /lienket in that topic.
link-already-topic = This group is already linked to <b>{ $branch }</b>, and meetings and notices already go to this topic.
broadcast-ask-pin = Pin the notice in the groups that receive it? A newly pinned notice replaces the one the bot pinned there before.
broadcast-pin-yes = 📌 Yes, pin it in groups
broadcast-pin-no = Don't pin
broadcast-summary-pin = Pinned in groups: { $pin }
delivery-failed-what-notice-pin = Pinning the notice “{ $title }” in a group
delivery-reason-no-pin-rights = the bot may not pin messages in the group (it must be an administrator allowed to pin messages)
