## Vietnamese: the default language. Every variable is escaped before it reaches these strings;
## the tags here are Telegram HTML.

role-member = Đảng viên
role-secretary = Bí thư
role-deputy = Phó bí thư
role-office = Văn phòng Đảng ủy Khối
role-admin = Quản trị viên

kind-committee = Đảng bộ cơ sở
kind-cell = Chi bộ cơ sở
kind-subcell = Chi bộ trực thuộc

## Access

access-how =
    Xin chào! Bot này chỉ phục vụ cán bộ, đảng viên của <b>{ $bloc }</b>.
    Để sử dụng, đồng chí cần một <b>đường liên kết mời</b> do bí thư chi bộ hoặc Văn phòng Đảng ủy Khối gửi. Mở liên kết đó trong Telegram (hoặc gõ <code>/start mã-mời</code>) là xong.
    Tài khoản Telegram của đồng chí: <code>{ $telegramId }</code> (gửi số này cho Văn phòng nếu được hỏi).
access-group-hint = Đồng chí chưa được đăng ký sử dụng bot. Hãy nhắn riêng cho bot để biết cách tham gia.
not-allowed = Đồng chí không có quyền thực hiện thao tác này.
not-allowed-command = Lệnh /{ $command } dành cho { $who }. Đồng chí không có quyền dùng lệnh này.
who-leaders = bí thư, phó bí thư chi bộ và Văn phòng Đảng ủy Khối
who-office = Văn phòng Đảng ủy Khối
private-only = Lệnh này chỉ dùng khi nhắn riêng với bot.
button-expired = Nút này đã hết hiệu lực. Đồng chí vui lòng gõ lại lệnh.
error-generic = Xin lỗi, đã có lỗi khi xử lý yêu cầu. Đồng chí vui lòng thử lại sau ít phút.

## /start and invites

start-welcome =
    Xin chào đồng chí <b>{ $name }</b>!
    { $branch }
    Gõ /trogiup để xem các lệnh có thể dùng.
start-linked =
    ✅ Đã liên kết tài khoản Telegram với đảng viên <b>{ $name }</b>.
    { $branch }
    Gõ /trogiup để xem các lệnh có thể dùng.
start-joined =
    ✅ Đồng chí đã được ghi nhận là { $role } của <b>{ $branch }</b>, với họ tên <b>{ $name }</b>.
    Nếu họ tên chưa đúng, đề nghị báo bí thư chi bộ để chỉnh sửa.
    Gõ /trogiup để xem các lệnh có thể dùng.
start-already-linked = Tài khoản Telegram này đã được liên kết với đảng viên <b>{ $name }</b>. Không cần dùng lời mời nữa.
invite-unknown = Mã mời không đúng. Đồng chí kiểm tra lại đường liên kết đã nhận (mã mời gồm 16 ký tự chữ và số), hoặc đề nghị bí thư chi bộ gửi lại lời mời.
invite-expired = Lời mời này đã hết hạn. Đề nghị bí thư chi bộ hoặc Văn phòng Đảng ủy Khối cấp lời mời mới.
invite-used = Lời mời này đã được sử dụng. Mỗi lời mời cá nhân chỉ dùng được một lần; nếu cần, đề nghị cấp lời mời mới.
invite-revoked = Lời mời này đã bị thu hồi. Đề nghị liên hệ bí thư chi bộ.
invite-member-taken = Đảng viên trong lời mời này đã liên kết với một tài khoản Telegram khác. Nếu có nhầm lẫn, đề nghị liên hệ Văn phòng Đảng ủy Khối.
invite-member-left = Đảng viên trong lời mời này không còn sinh hoạt trong Đảng bộ Khối. Đề nghị liên hệ Văn phòng Đảng ủy Khối.
invite-branch-inactive = Chi bộ trong lời mời này không còn hoạt động. Đề nghị liên hệ Văn phòng Đảng ủy Khối.
invite-throttled = Đồng chí đã nhập sai mã mời nhiều lần. Vui lòng thử lại sau { $minutes } phút.

## /trogiup

help-header = <b>Các lệnh của bot { $bloc }</b>
help-member =
    /chibo: thông tin chi bộ của tôi
    /lichhop: lịch họp sắp tới
    /chitieu: chỉ tiêu nghị quyết
    /thongbao: thông báo mới
    /tim: tìm kiếm, ví dụ <code>/tim sinh hoat chuyen de</code>
    /lichics: tải lịch họp về lịch của điện thoại
    /nhacnho: bật, tắt nhắc lịch họp qua tin riêng
    /ngonngu: đổi ngôn ngữ (Tiếng Việt / English)
    /trogiup: hướng dẫn này
help-leader =
    <b>Dành cho bí thư, phó bí thư</b>
    /taolich: tạo lịch họp
    /guithongbao: gửi thông báo
    /baocao: báo cáo số liệu chỉ tiêu
    /diemdanh: điểm danh sau cuộc họp
    /suahop, /huyhop: sửa, hủy một cuộc họp (số cuộc họp có trong /lichhop)
    /moi: tạo lời mời cho đảng viên chi bộ
    /huy: hủy thao tác đang làm dở (tạo lịch họp, gửi thông báo, báo cáo…)
    /lienket: liên kết nhóm Telegram với chi bộ (gõ trong nhóm)
help-office =
    <b>Dành cho Văn phòng Đảng ủy Khối</b>
    /moi: tạo lời mời cho bất kỳ đảng viên, chi bộ nào
    /chibo mã-chi-bộ: xem một chi bộ bất kỳ
    /lienket mã-chi-bộ: liên kết nhóm với chi bộ (gõ trong nhóm)
    /xuatchitieu: xuất số liệu chỉ tiêu ra tệp Excel
help-group =
    Trong nhóm, bot trả lời các lệnh: /chibo, /lichhop, /chitieu, /thongbao, /tim.
    Bí thư chi bộ gõ <code>/lienket mã-chi-bộ</code> để liên kết nhóm này với chi bộ.

## /ngonngu

language-name = Tiếng Việt
language-switch-button = 🌐 Tiếng Việt
language-current = Ngôn ngữ bot dùng với đồng chí: <b>{ $language }</b>. Chọn ngôn ngữ:
language-set = ✅ Từ nay bot dùng tiếng Việt với đồng chí, cả trong thông báo và lời nhắc.
language-usage = Không rõ ngôn ngữ “{ $text }”. Gõ <code>/ngonngu vi</code> (tiếng Việt) hoặc <code>/ngonngu en</code> (English), hoặc <code>/ngonngu</code> để chọn bằng nút.

## /chibo

branch-no-branch = Đồng chí chưa thuộc chi bộ nào trong danh sách. Văn phòng có thể xem một chi bộ bằng <code>/chibo mã-chi-bộ</code>, ví dụ <code>/chibo CB01</code>.
branch-not-found = Không tìm thấy chi bộ “{ $query }”. Gõ mã chi bộ (ví dụ <code>/chibo CB01</code>) hoặc một phần tên chi bộ.
branch-ambiguous = Có nhiều chi bộ khớp với “{ $query }”, đồng chí gõ lại bằng mã:
branch-only-own = Đồng chí chỉ xem được thông tin chi bộ của mình. Gõ /chibo không kèm tham số.
branch-group-unlinked = Nhóm này chưa được liên kết với chi bộ nào. Bí thư chi bộ gõ <code>/lienket mã-chi-bộ</code> để liên kết.
branch-card-title = <b>{ $name }</b> ({ $code })
branch-card-kind = Loại: { $kind }
branch-card-parent = Trực thuộc: { $parent }
branch-card-cluster = Khối thi đua: { $cluster }
branch-card-secretary = Bí thư: { $names }
branch-card-deputy = Phó bí thư: { $names }
branch-card-none = chưa có
branch-card-linked = Đảng viên đã liên kết Telegram: { $linked }/{ $total }
branch-card-groups = Nhóm Telegram đã liên kết: { $groups }
branch-card-children = Chi bộ trực thuộc: { $count }
branch-card-next-meeting = Cuộc họp tới: { $meeting }
branch-card-no-meeting = chưa có lịch
branch-card-inactive = ⚠️ Chi bộ này không còn hoạt động.

## Groups and /lienket

group-welcome =
    Xin chào! Tôi là trợ lý của <b>{ $bloc }</b>.
    Bí thư chi bộ gõ <code>/lienket mã-chi-bộ</code> để liên kết nhóm này với chi bộ; sau đó lịch họp và thông báo của chi bộ sẽ được gửi vào nhóm.
link-private = Lệnh /lienket dùng trong nhóm Telegram của chi bộ: thêm bot vào nhóm, rồi gõ <code>/lienket mã-chi-bộ</code> trong nhóm đó.
link-usage = Gõ <code>/lienket mã-chi-bộ</code>, ví dụ <code>/lienket CB01</code>.
link-confirm = Liên kết nhóm này với <b>{ $branch }</b>?
link-confirm-button = Liên kết với { $branch }
link-done = ✅ Đã liên kết nhóm <b>{ $title }</b> với <b>{ $branch }</b>. Lịch họp và thông báo của chi bộ sẽ được gửi vào nhóm này.
link-already = Nhóm này đã được liên kết với <b>{ $branch }</b>.
link-not-allowed = Chỉ bí thư, phó bí thư của <b>{ $branch }</b> hoặc Văn phòng Đảng ủy Khối mới liên kết được nhóm với chi bộ này.
link-inactive = <b>{ $branch }</b> không còn hoạt động, không thể liên kết.

## /moi

invite-usage =
    Tạo lời mời:
    • <code>/moi mã-đảng-viên</code> (hoặc họ tên): lời mời cá nhân, dùng một lần
    • <code>/moi chibo mã-chi-bộ [bí thư|phó bí thư]</code>: lời mời chung cho cả chi bộ
invite-ask = Gõ mã đảng viên (hoặc họ tên) để tạo lời mời cá nhân, hoặc <code>chibo mã-chi-bộ</code> để tạo lời mời chung cho chi bộ. Gõ /huy để thôi.
invite-cancelled = Đã hủy tạo lời mời.
invite-member-not-found = Không tìm thấy đảng viên “{ $query }” trong các chi bộ đồng chí quản lý. Gõ mã đảng viên (ví dụ <code>DV0001</code>) hoặc họ tên.
invite-member-ambiguous = Có { $count } đảng viên khớp với “{ $query }”. Chọn một người:
invite-member-already-linked = Đảng viên <b>{ $name }</b> đã liên kết Telegram, không cần lời mời.
invite-member-created =
    Lời mời cho <b>{ $name }</b> ({ $branch }), dùng một lần, hết hạn { $expires }:
    { $link }
    Gửi liên kết này riêng cho đồng chí đó.
invite-branch-created =
    Lời mời chung cho <b>{ $branch }</b> (vai trò: { $role }), hết hạn { $expires }:
    { $link }
    Ai mở liên kết này sẽ được ghi nhận là { $role } của chi bộ: chỉ gửi trong nhóm kín của chi bộ.
invite-role-unknown = Vai trò “{ $role }” không hợp lệ. Dùng: đảng viên, bí thư hoặc phó bí thư.
invite-no-username = Bot chưa biết tên người dùng của mình; đề nghị khởi động lại bot.

## Conversations (every command that asks questions)

conversation-doing-create-meeting = tạo lịch họp
conversation-doing-edit-meeting = sửa cuộc họp
conversation-doing-broadcast = soạn thông báo
conversation-doing-report = báo cáo số liệu chỉ tiêu
conversation-doing-invite = tạo lời mời
conversation-expired = Thao tác { $doing } trước đó đã hết hạn vì quá { $minutes } phút không có trả lời; đồng chí vui lòng bắt đầu lại nếu cần.
conversation-interrupted = Đồng chí đang { $doing } dở. Tiếp tục hay hủy? (Nếu hủy, bot sẽ thực hiện yêu cầu đồng chí vừa gửi.)
conversation-continue-button = ▶️ Tiếp tục
conversation-cancel-button = ✖️ Hủy
conversation-none = Không còn thao tác nào đang chờ trả lời.
conversation-nothing-to-cancel = Không có thao tác nào đang dở để hủy.

## Anything else

unhandled-private = Tôi chưa hiểu yêu cầu này. Gõ /trogiup để xem các lệnh có thể dùng.

## Notices (/guithongbao, /thongbao)

notice-header = 📢 <b>THÔNG BÁO</b> · { $from }
notice-from-office = Văn phòng Đảng ủy Khối
notice-ack-button = ✅ Đã nhận
notice-ack-done = Đã ghi nhận: đồng chí đã nhận thông báo lúc { $at }.
notice-ack-already = Đồng chí đã xác nhận lúc { $at }.
notice-ack-not-recipient = Thông báo này không gửi tới đồng chí.
notice-ack-preview = Đây là bản xem trước: nút sẽ hoạt động khi thông báo được gửi.
notice-ack-not-needed = Thông báo này không yêu cầu xác nhận.
notice-reminder =
    ⏰ Đồng chí chưa xác nhận đã nhận thông báo “{ $title }”.
    Đề nghị đọc và bấm nút “Đã nhận” bên dưới.
notice-digest =
    📋 Thông báo “{ $title }”: { $count } đồng chí của <b>{ $branch }</b> chưa xác nhận đã nhận:
    { $names }
notice-report-title = 📊 <b>Kết quả gửi thông báo “{ $title }”</b>
notice-report-sent = Đã gửi: { $sent }
notice-report-unreachable = Không gửi được: { $count }
notice-report-failed = Lỗi: { $count }
notice-report-not-linked = Chưa liên kết Telegram (không nhận được tin riêng): { $count }
notice-report-ack = Xem tình hình xác nhận: /thongbao { $id }
notice-progress = ⏳ Đang gửi thông báo “{ $title }”: đã gửi { $sent }/{ $total } · đang chờ { $waiting } · không gửi được { $failed }
notice-progress-done = ✅ Đã gửi xong thông báo “{ $title }”: { $sent }/{ $total } tin. Báo cáo chi tiết ở tin tiếp theo.

broadcast-ask-content = Gửi nội dung thông báo: một tin văn bản (có thể in đậm, nghiêng, chèn liên kết…), hoặc một tệp/ảnh kèm chú thích. Gõ /huy để thôi.
broadcast-cancelled = Đã hủy soạn thông báo. Không có gì được gửi.
broadcast-empty = Nội dung thông báo đang trống. Gửi một tin văn bản, hoặc một tệp/ảnh kèm chú thích.
broadcast-unsupported = Chỉ nhận văn bản, tệp hoặc ảnh. Gửi lại nội dung thông báo, hoặc gõ /huy để thôi.
broadcast-too-long = Nội dung quá dài: { $length } ký tự, tối đa { $max } ký tự. Rút gọn rồi gửi lại.
broadcast-caption-too-long = Chú thích quá dài: { $length } ký tự, tối đa { $max } ký tự (giới hạn của Telegram cho tệp/ảnh). Rút gọn chú thích, hoặc gửi nội dung dưới dạng tin văn bản.
broadcast-ask-scope = Gửi cho ai?
broadcast-scope-bloc = Toàn Đảng bộ Khối
broadcast-scope-cluster = Một khối thi đua
broadcast-scope-branches = Chọn chi bộ
broadcast-scope-own = Chi bộ của tôi
broadcast-scope-own-sub = Chi bộ của tôi và các chi bộ trực thuộc
broadcast-ask-cluster = Chọn khối thi đua:
broadcast-ask-branches = Gõ mã các chi bộ, cách nhau bằng dấu phẩy, ví dụ <code>CB01, DB02</code>.
broadcast-branches-unknown = Không tìm thấy: { $codes }. Gõ lại mã các chi bộ, ví dụ <code>CB01, DB02</code>.
broadcast-branches-not-allowed = Đồng chí chỉ gửi được cho chi bộ của mình.
broadcast-ask-subcells = Gửi cả cho các chi bộ trực thuộc?
broadcast-subcells-yes = Có, kèm chi bộ trực thuộc
broadcast-subcells-no = Không
broadcast-ask-people = Gửi qua đâu?
broadcast-people-private = Tin riêng tới từng đảng viên
broadcast-people-groups = Nhóm Telegram của chi bộ
broadcast-people-both = Cả hai
broadcast-people-secretaries = Chỉ bí thư chi bộ
broadcast-nobody = Không có ai nhận được thông báo với lựa chọn này (chưa có đảng viên hoặc nhóm nào đã liên kết). Chọn lại đối tượng.
broadcast-ask-ack = Có yêu cầu người nhận bấm “Đã nhận” không?
broadcast-ack-yes = Có, yêu cầu xác nhận
broadcast-ack-no = Không cần
broadcast-ask-when = Gửi khi nào?
broadcast-when-now = Gửi ngay
broadcast-when-later = Hẹn giờ
broadcast-ask-time = Gõ ngày giờ gửi, ví dụ: { $examples }
broadcast-time-invalid = Chưa hiểu thời điểm “{ $text }”. Gõ theo mẫu: { $examples }
broadcast-time-past = Thời điểm { $at } đã qua. Gõ một thời điểm trong tương lai.
broadcast-preview-intro = Bản xem trước, đúng như người nhận sẽ thấy:
broadcast-summary =
    <b>Kiểm tra trước khi gửi</b>
    Đối tượng: { $scope }
    Người nhận: { $people } đồng chí · tin riêng: { $private } · nhóm: { $groups }
    Chưa liên kết Telegram: { $notLinked }
    Xác nhận “Đã nhận”: { $ack }
    Thời điểm gửi: { $when }
broadcast-scope-desc-bloc = toàn Đảng bộ Khối
broadcast-scope-desc-cluster = khối thi đua { $names }
broadcast-scope-desc-branches = { $names }
broadcast-scope-desc-sub = (kèm chi bộ trực thuộc)
broadcast-scope-desc-secretaries = , chỉ bí thư
broadcast-when-now-desc = ngay khi xác nhận
broadcast-yes = có
broadcast-no = không
broadcast-confirm-button = ✅ Xác nhận gửi
broadcast-cancel-button = ✖ Hủy
broadcast-confirmed-now = Đã xác nhận. Đang gửi…
broadcast-confirmed-later = 🕑 Đã hẹn gửi lúc { $at }. Xem hoặc hủy: /thongbao
broadcast-not-author = Đồng chí không thể xác nhận hay hủy bản nháp của người khác.
broadcast-not-draft = Thông báo này đã được xử lý trước đó.
broadcast-past = Thời điểm hẹn đã qua. Đề nghị soạn lại thông báo (/guithongbao).
broadcast-draft-cancelled = Đã hủy bản nháp. Không có gì được gửi.
broadcast-scheduled-cancelled = Đã hủy thông báo hẹn giờ “{ $title }”.
broadcast-already-sent = Thông báo đã được gửi, không thể hủy.

notices-none = Chưa có thông báo nào gửi tới đồng chí.
notices-title = <b>Thông báo gần đây</b>
notices-line = { $mark } { $date } · { $title } (/thongbao { $id })
notices-authored-title = <b>Thông báo đồng chí đã gửi</b>
notices-authored-line = { $status } { $date } · { $title } (/thongbao { $id })
notices-status-scheduled = 🕑 hẹn { $at }
notices-status-sending = ⏳ đang gửi
notices-status-sent = 📨 đã gửi
notices-cancel-button = Hủy #{ $id }: { $title }
notices-not-found = Không tìm thấy thông báo số { $id } trong các thông báo đồng chí được xem. Gõ /thongbao để xem danh sách.
notices-usage = Gõ /thongbao để xem thông báo gần đây, hoặc /thongbao số-thông-báo, ví dụ <code>/thongbao 12</code>.
notices-ack-summary = <b>Thông báo #{ $id }: “{ $title }”</b>
    Đã xác nhận: { $acked }/{ $total } ({ $rate }%)
notices-ack-not-required = <b>Thông báo #{ $id }: “{ $title }”</b> (không yêu cầu xác nhận)
notices-ack-branch = • { $branch }: { $acked }/{ $total }
notices-ack-missing = Chưa xác nhận: { $names }
notices-delivery = Đã gửi { $sent } tin · đang chờ { $waiting } · không gửi được { $failed }

## Meetings

meeting-kind-regular = Sinh hoạt chi bộ định kỳ
meeting-kind-regular-combined = Sinh hoạt định kỳ kết hợp chuyên đề
meeting-kind-thematic = Sinh hoạt chuyên đề
meeting-kind-committee = Hội nghị cấp ủy
meeting-kind-briefing = Hội nghị quán triệt, triển khai nghị quyết
meeting-kind-congress = Đại hội
meeting-kind-other = Cuộc họp
weekday-0 = Chủ nhật
weekday-1 = Thứ Hai
weekday-2 = Thứ Ba
weekday-3 = Thứ Tư
weekday-4 = Thứ Năm
weekday-5 = Thứ Sáu
weekday-6 = Thứ Bảy
meeting-whole-bloc = Toàn Đảng bộ Khối
meeting-card-title = 📅 <b>{ $title }</b>
meeting-card-who = { $kind } · { $branch }
meeting-card-when = 🕑 { $weekday }, { $date }, { $start }–{ $end }
meeting-card-where = 📍 { $location }
meeting-card-agenda = 📝 { $agenda }
meeting-card-docs = 📎 { $count } tài liệu
meeting-card-repeat = 🔁 Lặp lại: { $rule }
meeting-card-rsvp = Đã đăng ký: { $yes } tham dự · { $no } vắng · { $none } chưa trả lời
meeting-button-yes = ✅ Tham dự
meeting-button-no = ❌ Vắng
meeting-button-docs = 📎 Tài liệu
meeting-button-move = 🔁 Dời lịch
meeting-button-cancel = 🗑 Hủy họp
meeting-new = 🆕 <b>Lịch họp mới</b>
meeting-reminder = ⏰ <b>Nhắc lịch họp</b>: còn { $in }
meeting-late-note = ⚠️ Tin nhắc này gửi muộn do hệ thống gián đoạn.
meeting-moved = 🔁 <b>Lịch họp thay đổi</b>: chuyển từ { $from } sang thời gian dưới đây.
meeting-edited = ✏️ <b>Cập nhật thông tin cuộc họp</b>
meeting-cancelled = 🗑 <b>Đã hủy cuộc họp</b>: { $title }, { $when }.
duration-days = { $n } ngày
duration-hours = { $n } giờ
duration-minutes = { $n } phút
meeting-digest-title = ☀️ <b>Lịch họp hôm nay, { $date }</b>
meeting-digest-line = • { $time } · { $branch } · { $title }{ $location }
meeting-digest-none = Hôm nay không có cuộc họp nào trong Đảng bộ Khối.
meeting-no-regular = 📅 <b>{ $branch }</b> chưa có lịch sinh hoạt chi bộ định kỳ tháng { $month }. Đề nghị đồng chí tạo lịch bằng /taolich.
meeting-no-thematic-title = 📋 <b>Quý { $quarter }/{ $year }</b>: các chi bộ chưa tổ chức sinh hoạt chuyên đề ({ $count }):
meeting-no-thematic-none = 📋 <b>Quý { $quarter }/{ $year }</b>: tất cả chi bộ đã tổ chức sinh hoạt chuyên đề.
meeting-no-documents = 📎 Cuộc họp “{ $title }” ({ $when }) chưa có tài liệu. Tài liệu cần được gửi trước ít nhất một ngày: gõ /suahop { $id } để thêm.
meeting-absence-flag = ⚠️ Đồng chí <b>{ $name }</b> đã vắng sinh hoạt chi bộ không có lý do { $count } lần trong năm { $year }. Theo Điều lệ Đảng, cấp ủy cần xem xét.

meetings-none = Không có cuộc họp nào trong 30 ngày tới.
meetings-title = <b>Lịch họp 30 ngày tới</b>{ $scope }
meetings-range-title = <b>Lịch họp { $range } ({ $dates })</b>{ $scope }
meetings-range-none = Không có cuộc họp nào { $range } ({ $dates }).
range-today = hôm nay
range-tomorrow = ngày mai
range-this-week = tuần này
range-next-week = tuần sau
range-this-month = tháng này
range-next-month = tháng sau
meetings-more = … và { $count } cuộc họp khác.
meetings-not-allowed-branch = Đồng chí chỉ xem được lịch của chi bộ mình. Gõ /lichhop không kèm tham số.
meeting-not-found = Không tìm thấy cuộc họp số { $id }. Gõ /lichhop để xem lịch.
meeting-rsvp-yes = Đã ghi nhận: đồng chí sẽ tham dự.
meeting-rsvp-no = Đã ghi nhận: đồng chí vắng. Đồng chí vui lòng trả lời tin nhắn hỏi lý do vắng.
meeting-rsvp-ask-reason = Đồng chí vắng cuộc họp “{ $title }” ({ $when }): đồng chí vui lòng trả lời tin nhắn này bằng lý do vắng (ví dụ: đi công tác).
meeting-rsvp-reason-placeholder = Lý do vắng mặt
meeting-rsvp-reason-saved = Đã ghi nhận lý do vắng: { $reason }
meeting-rsvp-not-member = Cuộc họp này không thuộc chi bộ của đồng chí.
meeting-rsvp-closed = Cuộc họp đã bắt đầu hoặc đã bị hủy, không đăng ký được nữa.
meeting-docs-none = Cuộc họp này chưa có tài liệu.
meeting-ics-none = Không có cuộc họp nào sắp tới để xuất lịch.
meeting-ics-caption = Lịch họp sắp tới ({ $count } cuộc họp). Mở tệp để thêm vào lịch của điện thoại.

create-ask-kind = Loại cuộc họp?
create-ask-branch = Cuộc họp của chi bộ nào? Gõ mã chi bộ (ví dụ <code>CB01</code>) hoặc <code>khoi</code> cho cuộc họp của toàn Đảng bộ Khối.
create-ask-branch-choice = Cuộc họp của chi bộ nào?
create-branch-not-found = Không tìm thấy chi bộ “{ $query }”. Gõ mã chi bộ, ví dụ <code>CB01</code>, hoặc <code>khoi</code>.
create-ask-time = Ngày giờ họp? Ví dụ: { $examples }
create-time-invalid = Chưa hiểu “{ $text }”. Gõ ngày giờ theo một trong các mẫu: { $examples }
create-time-past = { $at } đã qua. Gõ một thời điểm trong tương lai.
create-ask-duration = Thời lượng? (mặc định { $minutes } phút)
create-duration-default = { $minutes } phút
create-duration-other = Khác
create-ask-duration-minutes = Gõ thời lượng bằng phút, từ 30 đến 480, ví dụ <code>150</code>.
create-duration-invalid = Thời lượng phải là số phút từ 30 đến 480, ví dụ <code>150</code>.
create-ask-location = Địa điểm họp? (ví dụ: Hội trường tầng 2)
create-ask-title = Chủ đề, nội dung chính? Gõ <code>-</code> để dùng tên mặc định “{ $default }”.
create-ask-agenda = Chương trình, nội dung chuẩn bị? Gõ <code>-</code> nếu chưa có.
create-ask-documents = Gửi tài liệu (tệp hoặc ảnh), từng tệp một. Xong thì bấm “Xong”, hoặc “Không có tài liệu”.
create-documents-added = Đã nhận { $count } tài liệu. Gửi thêm, hoặc bấm “Xong”.
create-documents-done = Xong
create-documents-none = Không có tài liệu
create-ask-repeat = Lặp lại?
create-repeat-none = Không lặp lại
create-repeat-monthly-day = Hằng tháng, ngày { $day }
create-repeat-monthly-nth = Hằng tháng, { $weekday } { $nth }
create-repeat-monthly-last = Hằng tháng, { $weekday } cuối cùng
create-repeat-quarterly = Hằng quý, ngày { $day } tháng thứ { $month } của quý
create-nth-1 = đầu tiên
create-nth-2 = thứ hai
create-nth-3 = thứ ba
create-nth-4 = thứ tư
create-preview-intro = Xem trước cuộc họp:
create-confirm-button = ✅ Xác nhận tạo lịch
create-cancel-button = ✖ Hủy
create-confirmed = ✅ Đã tạo lịch họp. Chi bộ và đảng viên sẽ được thông báo và nhắc trước giờ họp.
create-discarded = Đã hủy. Không có lịch họp nào được tạo.
create-not-author = Đồng chí không thể xác nhận bản nháp của người khác.
create-not-draft = Lịch họp này đã được xử lý trước đó.
create-past = Thời điểm họp đã qua. Đề nghị tạo lại bằng /taolich.
create-cancelled = Đã thôi tạo lịch họp.

edit-usage = Gõ <code>/suahop số-cuộc-họp</code> hoặc <code>/huyhop số-cuộc-họp</code>, ví dụ <code>/suahop 12</code>. Số cuộc họp có trong /lichhop.
edit-not-allowed = Chỉ bí thư, phó bí thư của chi bộ hoặc Văn phòng Đảng ủy Khối mới sửa được cuộc họp này.
edit-ask-what = Sửa gì cho cuộc họp “{ $title }”?
edit-what-time = Thời gian
edit-what-location = Địa điểm
edit-what-documents = Thêm tài liệu
edit-what-series = Cả chuỗi lịch (từ nay về sau)
edit-ask-new-time = Thời gian mới? Ví dụ: { $examples }
edit-ask-new-location = Địa điểm mới?
edit-done = ✅ Đã cập nhật. Những người đã được báo sẽ nhận thông tin mới.
edit-series-ask-time = Giờ họp mới cho cả chuỗi (từ nay về sau)? Ví dụ <code>14h00</code>.
edit-series-done = ✅ Đã cập nhật chuỗi lịch từ nay về sau ({ $count } cuộc họp sắp tới).
cancel-confirm = Hủy cuộc họp “{ $title }” ({ $when })? Những người đã được báo sẽ nhận thông báo hủy.
cancel-confirm-button = 🗑 Hủy cuộc họp
cancel-keep-button = Giữ nguyên
cancel-done = 🗑 Đã hủy cuộc họp. Những người đã được báo sẽ nhận thông báo hủy.
cancel-kept = Giữ nguyên cuộc họp.
edit-past = Cuộc họp đã diễn ra hoặc đã bị hủy, không sửa được nữa.

att-usage = Chọn cuộc họp để điểm danh (các cuộc họp đã diễn ra trong 14 ngày qua):
att-none = Không có cuộc họp nào đã diễn ra trong 14 ngày qua để điểm danh.
att-title = <b>Điểm danh: { $title }</b> ({ $when })
att-help = Bấm vào tên để đổi: ✅ có mặt → 🟡 vắng có lý do → 🔴 vắng không lý do. Người chưa đánh dấu tính là có mặt khi bấm “Hoàn tất”.
att-finish = ✔ Hoàn tất điểm danh
att-done = ✅ Đã lưu điểm danh “{ $title }”: có mặt { $present }/{ $total } ({ $rate }%).
att-flagged = ⚠️ Đã báo bí thư: { $names } vắng không lý do từ 3 lần trong năm.

## Indicators (/chitieu, /baocao)

status-reached = ✅ Đạt
status-on_track = 🟢 Đúng tiến độ
status-behind = 🟠 Chậm so với tiến độ
status-missed = 🔴 Không đạt
status-no_data = ⚪ Chưa có số liệu
kind-yearly_percent = tỷ lệ hằng năm
kind-term_count = số lượng cả nhiệm kỳ
kind-yearly_count = số lượng hằng năm
kind-percent_by_date = tỷ lệ cần đạt đến năm { $year }
kind-upper_bound = không vượt quá
ind-none = Chưa có nghị quyết nào đang thực hiện trong hệ thống. Văn phòng nhập chỉ tiêu bằng công cụ quản trị (npm run cli -- import-indicators).
ind-overview-title = <b>Chỉ tiêu { $resolution }</b> (nhiệm kỳ { $term }) · kỳ { $period }
ind-overview-reported = Đã báo cáo kỳ này: { $reported }/{ $expected } tổ chức cơ sở đảng
ind-line = { $n }. <b>{ $title }</b> ({ $code })
ind-figure-percent = { $value } · chỉ tiêu { $op } { $target }%
ind-figure-count = { $value }/{ $target } { $unit }
ind-figure-bound = { $value } { $unit } · tối đa { $target }
ind-figure-none = chưa có số liệu
ind-pace = còn { $remaining } trong { $months } tháng, ~{ $perMonth } mỗi tháng
ind-detail-hint = Xem chi tiết: <code>/chitieu mã-chỉ-tiêu</code>, ví dụ <code>/chitieu { $code }</code>.
ind-not-found = Không tìm thấy chỉ tiêu “{ $query }”. Gõ /chitieu để xem danh sách và mã chỉ tiêu.
ind-ambiguous = Có nhiều chỉ tiêu khớp với “{ $query }”, gõ lại bằng mã:
ind-detail-title = <b>{ $code } · { $title }</b>
ind-detail-source = <i>“{ $source }”</i>
ind-detail-target = Chỉ tiêu: { $target } ({ $kind })
ind-detail-now = Hiện tại (kỳ { $period }): { $figure } { $bar } · { $status }
ind-detail-years = <b>Theo năm</b>
ind-detail-year = { $year }: { $figure }
ind-detail-best = <b>Cao nhất</b>
ind-detail-worst = <b>Thấp nhất</b>
ind-detail-branch-line = { $n }. { $branch }: { $figure }
ind-detail-own = Chi bộ của đồng chí ({ $branch }): { $figure } · toàn Khối: { $bloc }
ind-detail-own-none = Chi bộ của đồng chí ({ $branch }) chưa báo cáo kỳ này.
ind-chart-caption = { $code } · { $title }

report-no-branch = Đồng chí chưa thuộc tổ chức cơ sở đảng nào nên không báo cáo được. Văn phòng gõ <code>/baocao mã-chi-bộ</code>.
report-not-reporting = { $branch } là chi bộ trực thuộc: số liệu do đảng bộ cơ sở tổng hợp và báo cáo.
report-not-own = Đồng chí chỉ báo cáo được số liệu của chi bộ mình.
report-closed = Nhiệm kỳ { $term } đã kết thúc, không nhận báo cáo nữa.
report-ask-indicator = <b>Báo cáo số liệu kỳ { $period }</b> · { $branch }
    Chọn chỉ tiêu (⏳ chưa báo cáo, ✔ đã báo cáo):
report-ask-percent = <b>{ $title }</b>: gõ hai số dạng <code>tử/mẫu</code>: { $num } / { $den }. Ví dụ <code>45/50</code>.
report-ask-count = <b>{ $title }</b>: gõ { $what }. Ví dụ <code>12</code>.
report-count-term = tổng số { $unit } lũy kế từ đầu nhiệm kỳ
report-count-year = tổng số { $unit } lũy kế từ đầu năm
report-count-bound = số { $unit } hiện có
report-previous = Lần báo cáo trước ({ $period }): { $figure }.
report-not-number = “{ $text }” không phải số liệu hợp lệ: chỉ gõ số nguyên không âm, không có chữ, ví dụ { $example }.
report-negative = Số liệu không được âm. Gõ lại, ví dụ { $example }.
report-numerator-above = Tử số ({ $num }) không được lớn hơn mẫu số ({ $den }). Gõ lại, ví dụ <code>45/50</code>.
report-denominator-required = Chỉ tiêu này là tỷ lệ: gõ dạng <code>tử/mẫu</code>, ví dụ <code>45/50</code>.
report-needs-note = Số liệu ({ $value }) thấp hơn lần báo cáo trước ({ $previous }). Gõ ghi chú giải thích lý do (ví dụ: chuyển sinh hoạt đi), hoặc /huy để thôi.
report-check = <b>Kiểm tra</b>: { $branch } · kỳ { $period }
    { $title }: { $figure } · chỉ tiêu { $target }
    Toàn Khối sau khi cập nhật: { $bloc }
report-confirm-button = ✅ Xác nhận báo cáo
report-cancel-button = ✖ Hủy
report-saved = ✅ Đã ghi nhận số liệu “{ $title }” kỳ { $period }. Gõ /baocao để báo cáo chỉ tiêu khác.
report-correction = (Đã thay số liệu trước đó: { $previous }; số cũ vẫn được lưu trong lịch sử.)
report-cancelled = Đã thôi báo cáo. Không có gì thay đổi.
report-nudge =
    📊 Nhắc báo cáo chỉ tiêu kỳ { $period } của <b>{ $branch }</b>, hạn chót { $deadline }. Còn { $count } chỉ tiêu chưa báo cáo:
    { $list }
    Gõ /baocao để báo cáo.
report-missing-title = 📋 Hết hạn báo cáo kỳ { $period }: { $count } tổ chức cơ sở đảng chưa báo cáo đủ:
report-missing-none = ✅ Kỳ { $period }: tất cả tổ chức cơ sở đảng đã báo cáo đủ.
export-caption = Số liệu chỉ tiêu theo chi bộ và kỳ báo cáo.

## Meeting reminder settings (/nhacnho) and attendance

att-not-started = Cuộc họp chưa bắt đầu, chưa điểm danh được.
reminders-status = <b>Nhắc lịch họp qua tin riêng</b>: { $state }. Gõ <code>/nhacnho tat</code> để tắt, <code>/nhacnho bat</code> để bật. Khi tắt, đồng chí vẫn nhận thông báo lịch họp mới, thay đổi và hủy; nhóm của chi bộ vẫn được nhắc.
reminders-state-on = đang bật
reminders-state-off = đang tắt
reminders-branch-status = <b>{ $branch }</b> được nhắc trước giờ họp: { $offsets }.
reminders-branch-how = Bí thư, phó bí thư đổi bằng <code>/nhacnho 1 ngay, 2 gio</code> (tối đa 4 mốc, từ 5 phút đến 14 ngày), hoặc <code>/nhacnho mac dinh</code> để về mặc định (1 ngày và 2 giờ).
reminders-private-off = 🔕 Đã tắt nhắc lịch họp qua tin riêng. Đồng chí vẫn nhận thông báo lịch họp mới, thay đổi và hủy. Gõ <code>/nhacnho bat</code> để bật lại.
reminders-private-on = 🔔 Đã bật nhắc lịch họp qua tin riêng.
reminders-offsets-set = ✅ <b>{ $branch }</b> sẽ được nhắc trước giờ họp: { $offsets }.
reminders-offsets-invalid = Chưa hiểu “{ $text }”. Gõ các mốc nhắc cách nhau bằng dấu phẩy, ví dụ <code>/nhacnho 1 ngay, 2 gio</code> hoặc <code>/nhacnho 3 ngay, 30 phut</code> (tối đa 4 mốc, từ 5 phút đến 14 ngày).
reminders-offsets-not-allowed = Chỉ bí thư, phó bí thư đặt được thời điểm nhắc cho chi bộ. Đồng chí có thể gõ <code>/nhacnho tat</code> hoặc <code>/nhacnho bat</code> để tắt, bật nhắc qua tin riêng.
edit-cancelled = Đã thôi sửa cuộc họp. Không có gì thay đổi.

## Search (/tim, plain messages, inline mode)

search-usage = Gõ <code>/tim từ-khóa</code>, ví dụ <code>/tim sinh hoat chuyen de</code> (có dấu hay không dấu đều được).
search-too-long = Câu tìm kiếm quá dài ({ $length } ký tự). Gõ ngắn gọn, tối đa { $max } ký tự, ví dụ <code>/tim ket nap</code>.
search-empty = Câu tìm kiếm không có chữ hay số nào để tìm. Gõ từ khóa, ví dụ <code>/tim hoi nghi</code>.
search-none = Không tìm thấy kết quả cho “{ $query }”. Thử từ khóa khác, ngắn hơn.
search-title = 🔎 Kết quả cho “{ $query }”:
search-kind-branch = 🏛
search-kind-member = 👤
search-kind-meeting = 📅
search-kind-notice = 📢
search-kind-indicator = 📊
search-help = Tôi chưa hiểu câu hỏi. Đồng chí có thể hỏi “lịch họp”, “chỉ tiêu kết nạp”, hoặc gõ từ khóa để tìm (ví dụ: <code>sinh hoat chuyen de</code>). Gõ /trogiup để xem các lệnh.
search-branch-brief = 🏛 <b>{ $name }</b> ({ $code }) · { $kind }
search-member-card = 👤 <b>{ $name }</b> ({ $code })
    { $branch } · { $roles }
    Telegram: { $linked }
search-linked-yes = đã liên kết
search-linked-no = chưa liên kết
search-not-visible = Đồng chí không xem được mục này.
