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
    Để sử dụng, đồng chí cần một <b>đường liên kết mời</b> do bí thư tổ chức đảng của đồng chí hoặc Văn phòng Đảng ủy Khối gửi. Đồng chí vui lòng mở liên kết đó trong Telegram (hoặc gõ <code>/start mã-mời</code>).
    Tài khoản Telegram của đồng chí: <code>{ $telegramId }</code> (đồng chí gửi số này cho Văn phòng Đảng ủy Khối nếu được hỏi).
access-group-hint = Đồng chí chưa được đăng ký sử dụng bot. Đồng chí vui lòng nhắn riêng cho bot để biết cách tham gia.
not-allowed = Đồng chí không có quyền thực hiện thao tác này.
not-allowed-command = Lệnh /{ $command } dành cho { $who }; đồng chí không có quyền dùng lệnh này.
who-leaders = bí thư, phó bí thư và Văn phòng Đảng ủy Khối
who-office = Văn phòng Đảng ủy Khối
private-only = Lệnh này chỉ dùng khi nhắn riêng với bot. Đồng chí vui lòng mở cuộc trò chuyện riêng với bot rồi gõ lại lệnh.
button-expired = Nút này đã hết hiệu lực. Đồng chí vui lòng gõ lại lệnh.
error-generic = Xin lỗi, đã có lỗi khi xử lý yêu cầu. Đồng chí vui lòng thử lại sau ít phút.
delivery-overloaded = Bot đang quá tải nên chưa trả lời được yêu cầu vừa rồi của đồng chí. Đồng chí vui lòng gửi lại yêu cầu sau ít phút.

## /start and invites

start-welcome =
    Xin chào đồng chí <b>{ $name }</b>!
    { $branch }
    Đồng chí có thể gõ /trogiup để xem các lệnh.
start-linked =
    ✅ Đã liên kết tài khoản Telegram với đảng viên <b>{ $name }</b>.
    { $branch }
    Đồng chí có thể gõ /trogiup để xem các lệnh.
start-joined =
    ✅ Đồng chí đã được ghi nhận là { $role } của <b>{ $branch }</b>, với họ tên <b>{ $name }</b>.
    Nếu họ tên chưa đúng, đồng chí vui lòng báo Văn phòng Đảng ủy Khối để chỉnh sửa.
    Đồng chí có thể gõ /trogiup để xem các lệnh.
start-already-linked = Tài khoản Telegram này đã được liên kết với đảng viên <b>{ $name }</b>, không cần dùng lời mời nữa.
invite-unknown = Mã mời không đúng. Đồng chí vui lòng kiểm tra lại đường liên kết đã nhận (mã mời gồm 16 ký tự chữ và số) hoặc liên hệ người đã gửi lời mời để được gửi lại.
invite-expired = Lời mời này đã hết hạn. Đồng chí vui lòng liên hệ người đã gửi lời mời hoặc Văn phòng Đảng ủy Khối để được cấp lời mời mới.
invite-used = Lời mời này đã được sử dụng. Mỗi lời mời cá nhân chỉ dùng được một lần; nếu cần, đồng chí vui lòng liên hệ người đã gửi lời mời để được cấp lời mời mới.
invite-revoked = Lời mời này đã bị thu hồi. Đồng chí vui lòng liên hệ người đã gửi lời mời.
invite-member-taken = Đảng viên trong lời mời này đã liên kết với một tài khoản Telegram khác. Nếu có nhầm lẫn, đồng chí vui lòng liên hệ Văn phòng Đảng ủy Khối.
invite-member-left = Đảng viên trong lời mời này không còn sinh hoạt trong Đảng bộ Khối. Đồng chí vui lòng liên hệ Văn phòng Đảng ủy Khối.
invite-branch-inactive = Tổ chức đảng trong lời mời này không còn hoạt động. Đồng chí vui lòng liên hệ Văn phòng Đảng ủy Khối.
invite-throttled = Đồng chí đã nhập sai mã mời nhiều lần. Đồng chí vui lòng thử lại sau { $minutes } phút.

## /trogiup

help-header = <b>Các lệnh của bot { $bloc }</b>
help-member =
    /chibo: thông tin tổ chức đảng của tôi
    /lichhop: lịch họp sắp tới
    /chitieu: chỉ tiêu nghị quyết
    /thongbao: thông báo mới
    /tim: tìm kiếm, ví dụ <code>/tim sinh hoat chuyen de</code>
    /lichics: tải lịch họp về lịch của điện thoại
    /nhacnho: bật, tắt nhắc lịch họp qua tin nhắn riêng
    /ngonngu: đổi ngôn ngữ (Tiếng Việt / English)
    /trogiup: hướng dẫn này
help-leader =
    <b>Dành cho bí thư, phó bí thư</b>
    /taolich: tạo lịch họp
    /guithongbao: gửi thông báo
    /baocao: báo cáo số liệu chỉ tiêu
    /diemdanh: điểm danh sau cuộc họp
    /suahop, /huyhop: sửa, hủy một cuộc họp (số cuộc họp có trong /lichhop)
    /moi: tạo lời mời cho đảng viên
    /bangdieukhien: bảng điều khiển (chỉ tiêu, báo cáo, sinh hoạt, thông báo)
    /huy: hủy thao tác đang làm dở (tạo lịch họp, gửi thông báo, báo cáo…)
    /lienket: liên kết nhóm Telegram với tổ chức đảng (gõ trong nhóm)
help-office =
    <b>Dành cho Văn phòng Đảng ủy Khối</b>
    /moi: tạo lời mời cho bất kỳ đảng viên, tổ chức đảng nào
    /chibo mã-tổ-chức: xem một tổ chức đảng bất kỳ
    /lienket mã-tổ-chức: liên kết nhóm với một tổ chức đảng (gõ trong nhóm)
    /xuatchitieu: xuất số liệu chỉ tiêu ra tệp Excel
help-group =
    Trong nhóm, bot trả lời các lệnh: /chibo, /lichhop, /chitieu, /thongbao, /tim.
    Bí thư, phó bí thư gõ <code>/lienket mã-tổ-chức</code> để liên kết nhóm này với tổ chức đảng của mình.

## /ngonngu

language-name = Tiếng Việt
language-switch-button = 🌐 Tiếng Việt
language-current = Ngôn ngữ bot dùng với đồng chí: <b>{ $language }</b>. Đồng chí vui lòng chọn ngôn ngữ:
language-set = ✅ Từ nay bot dùng tiếng Việt với đồng chí, cả trong thông báo và lời nhắc.
language-usage = Không rõ ngôn ngữ “{ $text }”. Đồng chí vui lòng gõ <code>/ngonngu vi</code> (tiếng Việt) hoặc <code>/ngonngu en</code> (English), hoặc <code>/ngonngu</code> để chọn bằng nút.

## /chibo

branch-no-branch = Đồng chí chưa thuộc tổ chức đảng nào trong danh sách. Văn phòng Đảng ủy Khối xem một tổ chức đảng bằng <code>/chibo mã-tổ-chức</code>, ví dụ <code>/chibo CB01</code>.
branch-not-found = Không tìm thấy tổ chức đảng “{ $query }”. Đồng chí vui lòng gõ mã (ví dụ <code>/chibo CB01</code>) hoặc một phần tên.
branch-ambiguous = Có nhiều tổ chức đảng khớp với “{ $query }”. Đồng chí vui lòng gõ lại bằng mã:
branch-only-own = Đồng chí chỉ xem được thông tin tổ chức đảng của mình (gõ /chibo, không kèm mã).
branch-group-unlinked = Nhóm này chưa được liên kết với tổ chức đảng nào. Bí thư, phó bí thư gõ <code>/lienket mã-tổ-chức</code> để liên kết.
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
branch-card-inactive = ⚠️ Tổ chức đảng này không còn hoạt động.

## Groups and /lienket

group-welcome =
    Xin chào! Tôi là trợ lý của <b>{ $bloc }</b>.
    Bí thư, phó bí thư gõ <code>/lienket mã-tổ-chức</code> để liên kết nhóm này với tổ chức đảng của mình; sau đó lịch họp và thông báo sẽ được gửi vào nhóm.
link-private = Lệnh /lienket dùng trong nhóm Telegram của tổ chức đảng. Đồng chí vui lòng thêm bot vào nhóm, rồi gõ <code>/lienket mã-tổ-chức</code> trong nhóm đó.
link-usage = Đồng chí vui lòng gõ <code>/lienket mã-tổ-chức</code>, ví dụ <code>/lienket CB01</code>.
link-confirm = Liên kết nhóm này với <b>{ $branch }</b>?
link-confirm-button = Liên kết với { $branch }
link-done = ✅ Đã liên kết nhóm <b>{ $title }</b> với <b>{ $branch }</b>. Lịch họp và thông báo sẽ được gửi vào nhóm này.
link-already = Nhóm này đã được liên kết với <b>{ $branch }</b>.
link-not-allowed = Chỉ bí thư, phó bí thư của <b>{ $branch }</b> hoặc Văn phòng Đảng ủy Khối mới liên kết được nhóm với tổ chức đảng này.
link-inactive = <b>{ $branch }</b> không còn hoạt động, không liên kết được.

## /moi

invite-usage =
    Tạo lời mời:
    • <code>/moi mã-đảng-viên</code> (hoặc họ tên): lời mời cá nhân, dùng một lần
    • <code>/moi chibo mã-tổ-chức [bí thư|phó bí thư]</code>: lời mời chung cho cả tổ chức đảng
invite-ask = Đồng chí vui lòng gõ mã đảng viên (hoặc họ tên) để tạo lời mời cá nhân, hoặc <code>chibo mã-tổ-chức</code> để tạo lời mời chung cho tổ chức đảng; gõ /huy nếu muốn thôi.
invite-cancelled = Đã hủy tạo lời mời.
invite-member-not-found = Không tìm thấy đảng viên “{ $query }” trong các tổ chức đảng đồng chí quản lý. Đồng chí vui lòng gõ mã đảng viên (ví dụ <code>DV0001</code>) hoặc họ tên.
invite-query-too-long = Nội dung gõ quá dài: { $length } ký tự, tối đa { $max } ký tự. Đồng chí vui lòng gõ mã đảng viên (ví dụ <code>DV0001</code>), họ tên, hoặc <code>chibo mã-tổ-chức</code>.
invite-member-ambiguous = Có { $count } đảng viên khớp với “{ $query }”. Đồng chí vui lòng chọn một người:
invite-member-already-linked = Đảng viên <b>{ $name }</b> đã liên kết Telegram, không cần lời mời.
invite-member-created =
    Lời mời cho <b>{ $name }</b> ({ $branch }), dùng một lần, hết hạn { $expires }:
    { $link }
    Đồng chí vui lòng gửi riêng liên kết này cho đảng viên đó.
invite-branch-created =
    Lời mời chung cho <b>{ $branch }</b> (vai trò: { $role }), hết hạn { $expires }:
    { $link }
    Ai mở liên kết này sẽ được ghi nhận với vai trò { $role } của <b>{ $branch }</b>; đồng chí vui lòng chỉ gửi liên kết trong nhóm kín của tổ chức đảng.
invite-role-unknown = Vai trò “{ $role }” không hợp lệ. Đồng chí vui lòng dùng một trong: đảng viên, bí thư, phó bí thư.

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

unhandled-private = Tôi chưa hiểu yêu cầu này. Đồng chí có thể gõ /trogiup để xem các lệnh.

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
    Đồng chí vui lòng đọc và bấm nút “Đã nhận” bên dưới.
notice-digest =
    📋 Thông báo “{ $title }”: { $count } đồng chí của <b>{ $branch }</b> chưa xác nhận đã nhận:
    { $names }
notice-report-title = 📊 <b>Kết quả gửi thông báo “{ $title }”</b>
notice-report-sent = Đã gửi: { $sent }
notice-report-unreachable = Không gửi được: { $count }
notice-report-skipped-member = không gửi vì đồng chí này đã chặn bot hoặc chưa mở bot (sẽ nhận lại khi nhắn cho bot)
notice-report-skipped-group = không gửi vì bot không còn trong nhóm (sẽ nhận lại khi nhóm thêm lại bot)
notice-report-failed = Gửi lỗi: { $count }
notice-report-not-linked = Chưa liên kết Telegram (không nhận được tin nhắn riêng): { $count }
notice-report-ack = Xem tình hình xác nhận: /thongbao { $id }
notice-progress = ⏳ Đang gửi thông báo “{ $title }”: đã gửi { $sent }/{ $total } · đang chờ { $waiting } · không gửi được { $failed }
notice-progress-done = ✅ Đã gửi xong thông báo “{ $title }”: { $sent }/{ $total } tin. Báo cáo chi tiết ở tin tiếp theo.

broadcast-ask-content = Đồng chí vui lòng gửi nội dung thông báo: một tin văn bản (có thể in đậm, in nghiêng, chèn liên kết…) hoặc một tệp, ảnh kèm chú thích; gõ /huy nếu muốn thôi.
broadcast-cancelled = Đã hủy soạn thông báo. Không có gì được gửi.
broadcast-empty = Nội dung thông báo đang trống. Đồng chí vui lòng gửi một tin văn bản, hoặc một tệp, ảnh kèm chú thích.
broadcast-unsupported = Bot chỉ nhận văn bản, tệp hoặc ảnh. Đồng chí vui lòng gửi lại nội dung thông báo, hoặc gõ /huy để thôi.
broadcast-too-long = Nội dung quá dài: { $length } ký tự, tối đa { $max } ký tự. Đồng chí vui lòng rút gọn rồi gửi lại.
broadcast-ask-scope = Gửi đến đối tượng nào?
broadcast-scope-bloc = Toàn Đảng bộ Khối
broadcast-scope-cluster = Một khối thi đua
broadcast-scope-branches = Chọn tổ chức đảng
broadcast-scope-own = Tổ chức đảng của tôi
broadcast-scope-own-sub = Tổ chức đảng của tôi và các chi bộ trực thuộc
broadcast-ask-cluster = Đồng chí vui lòng chọn khối thi đua:
broadcast-branches-unknown = Không tìm thấy: { $codes }. Đồng chí vui lòng gõ lại mã các tổ chức đảng, ví dụ <code>CB01, DB02</code>.
broadcast-branches-not-allowed = Đồng chí chỉ gửi được cho tổ chức đảng của mình.
broadcast-ask-subcells = Gửi cả cho các chi bộ trực thuộc?
broadcast-subcells-yes = Có, kèm chi bộ trực thuộc
broadcast-subcells-no = Không
broadcast-ask-people = Gửi theo hình thức nào?
broadcast-people-private = Tin nhắn riêng tới từng đảng viên
broadcast-people-groups = Nhóm Telegram của tổ chức đảng
broadcast-people-both = Cả hai
broadcast-people-secretaries = Tin nhắn riêng, chỉ gửi bí thư
broadcast-nobody = Với lựa chọn này, không có ai nhận được thông báo (chưa có đảng viên hoặc nhóm nào đã liên kết). Đồng chí vui lòng chọn lại đối tượng.
broadcast-ask-ack = Có yêu cầu người nhận bấm “Đã nhận” không?
broadcast-ack-yes = Có, yêu cầu xác nhận
broadcast-ack-no = Không cần
broadcast-ask-when = Gửi khi nào?
broadcast-when-now = Gửi ngay
broadcast-when-later = Hẹn giờ
broadcast-ask-time = Đồng chí vui lòng gõ ngày giờ gửi, ví dụ: { $examples }
broadcast-time-invalid = Chưa hiểu thời điểm “{ $text }”. Đồng chí vui lòng gõ theo mẫu: { $examples }
broadcast-time-past = Thời điểm { $at } đã qua. Đồng chí vui lòng gõ một thời điểm trong tương lai.
broadcast-preview-intro = Bản xem trước, đúng như người nhận sẽ thấy:
broadcast-summary =
    <b>Kiểm tra trước khi gửi</b>
    Đối tượng: { $scope }
    Người nhận: { $people } đồng chí · tin nhắn riêng: { $private } · nhóm: { $groups }
    Chưa liên kết Telegram: { $notLinked }
    Xác nhận “Đã nhận”: { $ack }
    Thời điểm gửi: { $when }
broadcast-scope-desc-bloc = toàn Đảng bộ Khối
broadcast-scope-desc-cluster = khối thi đua { $names }
broadcast-scope-desc-branches = { $names }
broadcast-scope-desc-sub = (kèm chi bộ trực thuộc)
broadcast-scope-desc-secretaries = , chỉ gửi bí thư
broadcast-when-now-desc = ngay khi xác nhận
broadcast-yes = có
broadcast-no = không
broadcast-confirm-button = ✅ Xác nhận gửi
broadcast-cancel-button = ✖ Hủy
broadcast-confirmed-now = Đã xác nhận. Đang gửi…
broadcast-confirmed-later = 🕑 Đã hẹn gửi lúc { $at }. Xem hoặc hủy: /thongbao
broadcast-not-author = Đồng chí không thể xác nhận hay hủy bản nháp của người khác.
broadcast-not-draft = Thông báo này đã được xử lý trước đó.
broadcast-past = Thời điểm hẹn đã qua. Đồng chí vui lòng soạn lại thông báo (/guithongbao).
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
notices-not-found = Không tìm thấy thông báo số { $id } trong các thông báo đồng chí được xem. Đồng chí có thể gõ /thongbao để xem danh sách.
notices-usage = Đồng chí vui lòng gõ /thongbao để xem thông báo gần đây, hoặc /thongbao số-thông-báo, ví dụ <code>/thongbao 12</code>.
notices-ack-summary = <b>Thông báo #{ $id }: “{ $title }”</b>
    Đã xác nhận: { $acked }/{ $total } ({ $rate }%)
notices-ack-not-required = <b>Thông báo #{ $id }: “{ $title }”</b> (không yêu cầu xác nhận)
notices-ack-branch = • { $branch }: { $acked }/{ $total } ({ $rate }%)
notices-ack-branches-title = Theo tổ chức đảng, tỷ lệ thấp trước (trang { $page }/{ $pages }):
notices-ack-hint = Đồng chí bấm tên tổ chức để xem những đồng chí chưa xác nhận; danh sách đầy đủ có trong tệp .xlsx.
notices-ack-no-branch = Không thuộc tổ chức cơ sở đảng nào
notices-ack-branch-button = { $branch } · còn { $missing }
notices-ack-missing-title = <b>{ $branch }</b> · thông báo #{ $id } “{ $title }”
    Chưa xác nhận: { $missing }/{ $total } đồng chí (trang { $page }/{ $pages }):
notices-ack-missing-line = { $n }. { $name }{ $code }{ $unlinked }
notices-ack-missing-unlinked = {" "}· chưa liên kết Telegram
notices-ack-all-done = <b>{ $branch }</b> · thông báo #{ $id } “{ $title }”
    Tất cả { $total } đồng chí đã xác nhận.
notices-ack-back-button = ↩ Tất cả tổ chức
notices-export-button = 📥 Tải danh sách (.xlsx)
notices-export-caption = Danh sách người nhận thông báo #{ $id } “{ $title }”: { $count } đồng chí, với tình trạng gửi và thời điểm xác nhận.
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
meeting-no-regular = 📅 <b>{ $branch }</b> chưa có lịch sinh hoạt chi bộ định kỳ tháng { $month }. Đồng chí vui lòng tạo lịch bằng lệnh /taolich.
meeting-no-thematic-title = 📋 <b>{ $period }</b>: các chi bộ chưa tổ chức sinh hoạt chuyên đề ({ $count }):
meeting-no-thematic-none = 📋 <b>{ $period }</b>: tất cả chi bộ đã tổ chức sinh hoạt chuyên đề.
meeting-no-documents = 📎 Cuộc họp “{ $title }” ({ $when }) chưa có tài liệu. Tài liệu cần được gửi trước ít nhất một ngày; đồng chí vui lòng gõ /suahop { $id } để bổ sung.
meeting-absence-flag = ⚠️ Đồng chí <b>{ $name }</b> đã vắng mặt { $count } lần trong năm { $year } không có lý do chính đáng. Theo Điều lệ Đảng, chi bộ xem xét trường hợp này.

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
meetings-not-allowed-branch = Đồng chí chỉ xem được lịch họp của tổ chức đảng mình (gõ /lichhop, không kèm mã).
meeting-not-found = Không tìm thấy cuộc họp số { $id }. Đồng chí có thể gõ /lichhop để xem lịch.
meeting-rsvp-yes = Đã ghi nhận: đồng chí sẽ tham dự.
meeting-rsvp-no = Đã ghi nhận: đồng chí vắng mặt. Đồng chí vui lòng trả lời tin nhắn hỏi lý do vắng.
meeting-rsvp-ask-reason = Đồng chí báo vắng cuộc họp “{ $title }” ({ $when }). Đồng chí vui lòng trả lời tin nhắn này bằng lý do vắng mặt (ví dụ: đi công tác).
meeting-rsvp-reason-placeholder = Lý do vắng mặt
meeting-rsvp-reason-saved = Đã ghi nhận lý do vắng: { $reason }
meeting-rsvp-reason-too-long = Lý do quá dài: { $length } ký tự, tối đa { $max } ký tự, nên chưa được ghi nhận. Đồng chí vui lòng trả lời lại tin nhắn hỏi lý do bằng một lý do ngắn gọn hơn.
meeting-rsvp-not-member = Cuộc họp này không thuộc tổ chức đảng của đồng chí.
meeting-rsvp-closed = Cuộc họp đã bắt đầu hoặc đã bị hủy, không đăng ký được nữa.
meeting-docs-none = Cuộc họp này chưa có tài liệu.
meeting-ics-none = Không có cuộc họp nào sắp tới để xuất lịch.
meeting-ics-caption = Lịch họp sắp tới ({ $count } cuộc họp). Đồng chí mở tệp để thêm vào lịch của điện thoại.

create-ask-kind = Đồng chí vui lòng chọn loại cuộc họp:
create-ask-branch = Cuộc họp của tổ chức đảng nào? Đồng chí vui lòng gõ mã (ví dụ <code>CB01</code>) hoặc <code>khoi</code> cho cuộc họp của toàn Đảng bộ Khối.
create-ask-branch-choice = Cuộc họp của tổ chức đảng nào?
create-branch-not-found = Không tìm thấy tổ chức đảng “{ $query }”. Đồng chí vui lòng gõ mã, ví dụ <code>CB01</code>, hoặc <code>khoi</code>.
create-ask-time = Thời gian họp? Ví dụ: { $examples }
create-time-invalid = Chưa hiểu “{ $text }”. Đồng chí vui lòng gõ ngày giờ theo một trong các mẫu: { $examples }
create-time-past = Thời điểm { $at } đã qua. Đồng chí vui lòng gõ một thời điểm trong tương lai.
create-ask-duration = Thời lượng? (mặc định { $minutes } phút)
create-duration-default = { $minutes } phút
create-duration-other = Khác
create-ask-duration-minutes = Đồng chí vui lòng gõ thời lượng bằng phút, từ 30 đến 480, ví dụ <code>150</code>.
create-duration-invalid = Thời lượng phải là số phút từ 30 đến 480, ví dụ <code>150</code>.
create-ask-location = Địa điểm họp? (ví dụ: Hội trường tầng 2)
create-ask-title = Chủ đề, nội dung chính? (gõ <code>-</code> để dùng tên mặc định “{ $default }”)
create-default-title-month = { $kind } tháng { $month }
create-ask-agenda = Chương trình, nội dung cần chuẩn bị? (gõ <code>-</code> nếu chưa có)
create-location-too-long = Địa điểm quá dài: { $length } ký tự, tối đa { $max } ký tự. Đồng chí vui lòng gõ lại địa điểm ngắn gọn hơn.
create-title-too-long = Chủ đề quá dài: { $length } ký tự, tối đa { $max } ký tự. Đồng chí vui lòng gõ lại chủ đề ngắn gọn hơn; nội dung chi tiết xin ghi ở bước “Chương trình” tiếp theo.
create-agenda-too-long = Chương trình quá dài: { $length } ký tự, tối đa { $max } ký tự. Đồng chí vui lòng rút gọn rồi gửi lại; văn bản đầy đủ có thể gửi dưới dạng tài liệu ở bước tiếp theo.
create-ask-documents = Đồng chí vui lòng gửi tài liệu (tệp hoặc ảnh), từng tệp một; gửi xong thì bấm “Xong”, hoặc bấm “Không có tài liệu”.
create-documents-added = Đã nhận { $count } tài liệu. Đồng chí có thể gửi thêm, hoặc bấm “Xong”.
create-documents-done = Xong
create-documents-none = Không có tài liệu
create-ask-repeat = Cuộc họp có lặp lại không?
create-repeat-none = Không lặp lại
create-repeat-monthly-day = Ngày { $day } hằng tháng
create-repeat-monthly-nth = { $weekday } { $nth } hằng tháng
create-repeat-monthly-last = { $weekday } cuối cùng hằng tháng
create-repeat-quarterly = Ngày { $day } tháng thứ { $month } mỗi quý
create-nth-1 = tuần đầu tiên
create-nth-2 = tuần thứ hai
create-nth-3 = tuần thứ ba
create-nth-4 = tuần thứ tư
create-preview-intro = Xem trước cuộc họp:
create-confirm-button = ✅ Xác nhận tạo lịch
create-cancel-button = ✖ Hủy
create-confirmed = ✅ Đã tạo lịch họp. Đảng viên và nhóm Telegram của tổ chức đảng sẽ được thông báo và nhắc trước giờ họp.
create-discarded = Đã hủy. Không có lịch họp nào được tạo.
create-not-author = Đồng chí không thể xác nhận bản nháp của người khác.
create-not-draft = Lịch họp này đã được xử lý trước đó.
create-past = Thời điểm họp đã qua. Đồng chí vui lòng tạo lại bằng lệnh /taolich.
create-cancelled = Đã thôi tạo lịch họp.

edit-usage = Đồng chí vui lòng gõ <code>/suahop số-cuộc-họp</code> hoặc <code>/huyhop số-cuộc-họp</code>, ví dụ <code>/suahop 12</code>. Số cuộc họp có trong /lichhop.
edit-not-allowed = Chỉ bí thư, phó bí thư nơi tổ chức cuộc họp hoặc Văn phòng Đảng ủy Khối mới sửa được cuộc họp này.
edit-ask-what = Đồng chí muốn sửa nội dung nào của cuộc họp “{ $title }”?
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

att-usage = Đồng chí vui lòng chọn cuộc họp để điểm danh (các cuộc họp đã diễn ra trong 14 ngày qua):
att-none = Không có cuộc họp nào đã diễn ra trong 14 ngày qua để điểm danh.
att-title = <b>Điểm danh: { $title }</b> ({ $when })
att-help = Đồng chí bấm vào tên để đổi: ✅ có mặt → 🟡 vắng có lý do → 🔴 vắng không có lý do. Người chưa đánh dấu được tính là có mặt khi bấm “Hoàn tất”.
att-rsvp-no-hint = (đã báo vắng)
att-finish = ✔ Hoàn tất điểm danh
att-done = ✅ Đã lưu điểm danh “{ $title }”: có mặt { $present }/{ $total } ({ $rate }%).
att-flagged = ⚠️ { $names }: đã vắng mặt ba lần trở lên trong năm không có lý do chính đáng. Bot đã báo bí thư để chi bộ xem xét theo Điều lệ Đảng.

## Indicators (/chitieu, /baocao)

status-reached = ✅ Đạt
status-on_track = 🟢 Đúng tiến độ
status-behind = 🟠 Chậm so với tiến độ
status-pending = 🔵 Chờ đánh giá cuối năm
status-missed = 🔴 Không đạt
status-no_data = ⚪ Chưa có số liệu
kind-yearly_percent = tỷ lệ hằng năm, đánh giá cuối năm
kind-term_count = số lượng cả nhiệm kỳ
kind-yearly_count = số lượng hằng năm
kind-percent_by_date = tỷ lệ cần đạt đến năm { $year }
kind-upper_bound = mức tối đa mỗi năm
ind-none = Hiện chưa có nghị quyết nào đang thực hiện trong hệ thống. Các chỉ tiêu sẽ được Văn phòng Đảng ủy Khối cập nhật; nếu cần, đồng chí vui lòng liên hệ Văn phòng.
ind-overview-title = <b>Chỉ tiêu { $resolution }</b> ({ $term }) · { $period }
ind-overview-reported = Đã báo cáo đủ { $period }: { $reported }/{ $expected } tổ chức cơ sở đảng
ind-line = { $n }. <b>{ $title }</b> ({ $code })
ind-target-percent = từ { $target }% trở lên
ind-target-none = không có { $unit } nào
ind-target-at-most = không quá { $target } { $unit }
ind-unit-fallback = trường hợp
ind-figure-percent = { $value } · chỉ tiêu { $target }
ind-figure-count = { $value }/{ $target }
ind-figure-bound = { $value } · chỉ tiêu: { $target }
ind-figure-none = chưa có số liệu
ind-pace = còn cần thêm { $remaining } trong { $months } tháng tới
ind-pace-monthly = còn cần thêm { $remaining } trong { $months } tháng tới, bình quân { $perMonth } mỗi tháng
ind-detail-hint = Đồng chí xem chi tiết bằng lệnh <code>/chitieu mã-chỉ-tiêu</code>, ví dụ <code>/chitieu { $code }</code>.
ind-not-found = Không tìm thấy chỉ tiêu “{ $query }”. Đồng chí vui lòng gõ /chitieu để xem danh sách và mã chỉ tiêu.
ind-ambiguous = Có nhiều chỉ tiêu khớp với “{ $query }”. Đồng chí vui lòng gõ lại bằng một trong các mã sau:
ind-detail-title = <b>{ $code } · { $title }</b>
ind-detail-term = { $resolution }, { $term }
ind-detail-term-over = { $resolution }, { $term } (đã kết thúc)
ind-detail-source = <i>“{ $source }”</i>
ind-detail-target = Chỉ tiêu: { $target } ({ $kind })
ind-detail-now = Hiện tại ({ $period }): { $figure } { $bar } · { $status }
ind-detail-final = Kết quả cuối nhiệm kỳ (số liệu đến { $period }): { $figure } { $bar } · { $status }
ind-detail-reported = Đã báo cáo { $period }: { $reported }/{ $expected } tổ chức cơ sở đảng
ind-detail-reported-yearly = Chỉ tiêu này báo cáo vào quý IV hằng năm, khi đánh giá cuối năm.
ind-detail-years = <b>Theo năm</b>
ind-detail-year = { $year }: { $figure } · { $status }
ind-detail-year-partial = { $year } (đến { $quarter })
ind-detail-best = <b>Cao nhất</b>
ind-detail-worst = <b>Thấp nhất</b>
ind-detail-most = <b>Nhiều nhất</b>
ind-detail-least = <b>Ít nhất</b>
ind-detail-all-same = Cả { $count } tổ chức cơ sở đảng đều ở mức { $value } (theo số liệu gần nhất của từng tổ chức).
ind-detail-branch-line = { $n }. { $branch }: { $figure }
ind-detail-own = Tổ chức cơ sở đảng của đồng chí ({ $branch }): { $figure } · toàn Khối: { $bloc }
ind-detail-own-none = Tổ chức cơ sở đảng của đồng chí ({ $branch }) chưa có số liệu đến { $period }.
ind-detail-other-term = Cùng mã chỉ tiêu ở { $term }: <code>{ $command }</code>
ind-chart-caption = { $title } ({ $term })
chart-subtitle = { $term } · số liệu đến { $period }
chart-subtitle-over = { $term } (đã kết thúc) · số liệu cuối cùng: { $period }
chart-target-yearly_percent = Chỉ tiêu hằng năm: { $target }
chart-target-percent_by_date = Chỉ tiêu: { $target } vào năm { $year }
chart-target-term_count = Chỉ tiêu cả nhiệm kỳ: { $target } (số lũy kế)
chart-target-yearly_count = Chỉ tiêu mỗi năm: { $target }
chart-target-upper_bound = Chỉ tiêu mỗi năm: { $target }
chart-target-mark = Chỉ tiêu
chart-no-data = chưa có số liệu
chart-partial = đến { $quarter }
chart-pace = tiến độ đều đến chỉ tiêu
chart-branches = Theo tổ chức cơ sở đảng
chart-branches-percent = Theo tổ chức cơ sở đảng: { $shown } cao nhất và { $shown } thấp nhất (trong { $total })
chart-branches-count = Theo tổ chức cơ sở đảng: { $shown } nhiều nhất và { $shown } ít nhất (trong { $total })
chart-branches-same = Cả { $total } tổ chức cơ sở đảng đều ở mức { $value } (số liệu gần nhất).

report-no-branch = Đồng chí chưa thuộc tổ chức cơ sở đảng nào nên không báo cáo được. Văn phòng báo cáo thay bằng lệnh <code>/baocao mã-tổ-chức</code>.
report-office-choose = Đồng chí vui lòng chọn tổ chức cơ sở đảng để nhập báo cáo số liệu { $period } thay cho tổ chức đó. Còn { $owing }/{ $total } tổ chức chưa báo cáo đủ (hoặc gõ <code>/baocao mã-tổ-chức</code>).
report-office-all-done = Tất cả tổ chức cơ sở đảng đã báo cáo đủ số liệu { $period }. Để sửa số liệu của một tổ chức, đồng chí vui lòng gõ <code>/baocao mã-tổ-chức</code>.
report-not-reporting = { $branch } là chi bộ trực thuộc: số liệu do đảng bộ cơ sở tổng hợp và báo cáo.
report-not-own = Đồng chí chỉ báo cáo được số liệu của tổ chức cơ sở đảng mình.
report-closed = Nghị quyết { $term } đã kết thúc, không nhận báo cáo nữa.
report-ask-indicator = <b>Báo cáo số liệu { $period }</b> · { $branch }
    Đồng chí vui lòng chọn chỉ tiêu (⏳ chưa báo cáo, ✔ đã báo cáo, 🗓 báo cáo vào quý IV khi đánh giá cuối năm):
report-ask-percent = <b>{ $title }</b>: đồng chí vui lòng gõ hai số dạng <code>số đạt/tổng số</code>, trong đó số đạt là { $num }, tổng số là { $den }. Ví dụ <code>45/50</code>.
report-ask-percent-plain = <b>{ $title }</b>: đồng chí vui lòng gõ hai số dạng <code>số đạt/tổng số</code>, ví dụ <code>45/50</code>.
report-ask-count = <b>{ $title }</b>: đồng chí vui lòng gõ { $what }. Ví dụ <code>12</code>.
report-count-term = tổng số { $unit } lũy kế từ đầu nhiệm kỳ
report-count-year = tổng số { $unit } lũy kế từ đầu năm
report-count-bound = số { $unit } hiện có
report-previous = Lần báo cáo trước ({ $period }): { $figure }.
report-not-number = “{ $text }” chưa đúng dạng số liệu. Đồng chí vui lòng chỉ gõ chữ số (viết 1200 hay 1.200 đều được), ví dụ { $example }.
report-not-whole = “{ $text }” không phải số nguyên. Đồng chí vui lòng gõ số nguyên, ví dụ { $example }.
report-negative = Số liệu không được âm. Đồng chí vui lòng gõ lại, ví dụ { $example }.
report-too-large = Số liệu quá lớn: không tổ chức cơ sở đảng nào có quá { $max }. Đồng chí vui lòng kiểm tra và gõ lại, ví dụ { $example }.
report-zero-denominator = Tổng số phải lớn hơn 0. Đồng chí vui lòng gõ lại dạng <code>số đạt/tổng số</code>, ví dụ <code>45/50</code>.
report-numerator-above = Số đạt ({ $num }) không được lớn hơn tổng số ({ $den }). Đồng chí vui lòng gõ lại, ví dụ <code>45/50</code>.
report-denominator-required = Chỉ tiêu này là tỷ lệ. Đồng chí vui lòng gõ dạng <code>số đạt/tổng số</code>, ví dụ <code>45/50</code>.
report-needs-note = Số liệu ({ $value }) thấp hơn lần báo cáo trước ({ $previous }). Đồng chí vui lòng gõ ghi chú giải thích lý do (ví dụ: { $example }), hoặc gõ /huy để thôi.
report-note-too-long = Ghi chú quá dài: { $length } ký tự, tối đa { $max } ký tự. Đồng chí vui lòng gõ lại ghi chú ngắn gọn hơn, hoặc gõ /huy để thôi.
report-note-example-term = kỳ trước báo cáo nhầm, số { $unit } đúng lũy kế từ đầu nhiệm kỳ là { $value }
report-note-example-year = kỳ trước báo cáo nhầm, số { $unit } đúng lũy kế từ đầu năm là { $value }
report-check = <b>Đồng chí vui lòng kiểm tra</b>: { $branch } · { $period }
    { $title }: { $figure } · chỉ tiêu { $target }
    Toàn Khối sau khi cập nhật: { $bloc }
report-warning-above-members = ⚠️ Tổng số ({ $denominator }) lớn hơn số đảng viên của { $branch } trong danh sách ({ $members }). Đồng chí vui lòng kiểm tra lại; nếu số liệu đúng, vẫn bấm “✅ Xác nhận báo cáo”.
report-check-how = Đồng chí vui lòng bấm “✅ Xác nhận báo cáo” để ghi nhận. Nếu cần sửa, đồng chí gõ lại số liệu (ví dụ { $example }); nếu muốn thôi, đồng chí bấm “✖ Hủy”.
report-confirm-button = ✅ Xác nhận báo cáo
report-cancel-button = ✖ Hủy
report-saved = ✅ Đã ghi nhận số liệu “{ $title }” { $period }. Đồng chí có thể gõ /baocao để báo cáo chỉ tiêu khác.
report-correction = (Đã thay số liệu trước đó: { $previous }; số cũ vẫn được lưu trong lịch sử.)
report-cancelled = Đã thôi báo cáo. Không có gì thay đổi.
report-nudge =
    📊 Nhắc báo cáo chỉ tiêu { $period } của <b>{ $branch }</b>, hạn chót { $deadline }. Còn { $count } chỉ tiêu chưa báo cáo:
    { $list }
    Đồng chí vui lòng gõ /baocao để báo cáo.
report-missing-title = 📋 Hết hạn báo cáo { $period }: { $count } tổ chức cơ sở đảng chưa báo cáo đủ:
report-missing-none = ✅ Tất cả tổ chức cơ sở đảng đã báo cáo đủ { $period }.
export-caption = Số liệu chỉ tiêu theo tổ chức cơ sở đảng và kỳ báo cáo.

## Meeting reminder settings (/nhacnho) and attendance

att-not-started = Cuộc họp chưa bắt đầu, chưa điểm danh được.
reminders-status = <b>Nhắc lịch họp qua tin nhắn riêng</b>: { $state }. Đồng chí gõ <code>/nhacnho tat</code> để tắt, <code>/nhacnho bat</code> để bật. Khi tắt, đồng chí vẫn nhận thông báo lịch họp mới, thay đổi và hủy; nhóm Telegram của tổ chức đảng vẫn được nhắc.
reminders-state-on = đang bật
reminders-state-off = đang tắt
reminders-branch-status = <b>{ $branch }</b> được nhắc trước giờ họp: { $offsets }.
reminders-branch-how = Bí thư, phó bí thư đổi bằng <code>/nhacnho 1 ngay, 2 gio</code> (tối đa 4 mốc, từ 5 phút đến 14 ngày), hoặc <code>/nhacnho mac dinh</code> để về mặc định (1 ngày và 2 giờ).
reminders-private-off = 🔕 Đã tắt nhắc lịch họp qua tin nhắn riêng. Đồng chí vẫn nhận thông báo lịch họp mới, thay đổi và hủy; khi cần, đồng chí gõ <code>/nhacnho bat</code> để bật lại.
reminders-private-on = 🔔 Đã bật nhắc lịch họp qua tin nhắn riêng.
reminders-offsets-set = ✅ <b>{ $branch }</b> sẽ được nhắc trước giờ họp: { $offsets }.
reminders-offsets-invalid = Chưa hiểu “{ $text }”. Đồng chí vui lòng gõ các mốc nhắc cách nhau bằng dấu phẩy, ví dụ <code>/nhacnho 1 ngay, 2 gio</code> hoặc <code>/nhacnho 3 ngay, 30 phut</code> (tối đa 4 mốc, từ 5 phút đến 14 ngày).
reminders-offsets-not-allowed = Chỉ bí thư, phó bí thư đặt được thời điểm nhắc cho tổ chức đảng. Đồng chí có thể gõ <code>/nhacnho tat</code> hoặc <code>/nhacnho bat</code> để tắt, bật nhắc qua tin nhắn riêng.
edit-cancelled = Đã thôi sửa cuộc họp. Không có gì thay đổi.

## Search (/tim, plain messages, inline mode)

search-usage = Đồng chí vui lòng gõ <code>/tim từ-khóa</code>, ví dụ <code>/tim sinh hoat chuyen de</code> (có dấu hay không dấu đều được).
search-too-long = Câu tìm kiếm quá dài ({ $length } ký tự). Đồng chí vui lòng gõ ngắn gọn, tối đa { $max } ký tự, ví dụ <code>/tim ket nap</code>.
search-empty = Câu tìm kiếm không có chữ hay số nào để tìm. Đồng chí vui lòng gõ từ khóa, ví dụ <code>/tim hoi nghi</code>.
search-none = Không tìm thấy kết quả cho “{ $query }”. Đồng chí có thể thử từ khóa khác, ngắn hơn.
search-title = 🔎 Kết quả cho “{ $query }”:
search-kind-branch = 🏛
search-kind-member = 👤
search-kind-meeting = 📅
search-kind-notice = 📢
search-kind-indicator = 📊
search-inline-branch = 🏛 { $kind }
search-inline-member = 👤 Đảng viên
search-inline-meeting = 📅 Cuộc họp lúc { $when }
search-inline-notice = 📢 Thông báo ngày { $date }
search-inline-indicator = 📊 Chỉ tiêu nghị quyết
search-help = Tôi chưa hiểu câu hỏi. Đồng chí có thể hỏi “lịch họp”, “chỉ tiêu kết nạp”, hoặc gõ từ khóa để tìm (ví dụ: <code>sinh hoat chuyen de</code>), hoặc gõ /trogiup để xem các lệnh.
search-branch-brief = 🏛 <b>{ $name }</b> ({ $code }) · { $kind }
search-member-card = 👤 <b>{ $name }</b> ({ $code })
    { $branch } · { $roles }
    Telegram: { $linked }
search-linked-yes = đã liên kết
search-linked-no = chưa liên kết
search-not-visible = Đồng chí không xem được mục này.

# Messages Telegram would not take, told to whoever caused them (services/delivery-failures.ts)
delivery-failed-title = ⚠️ <b>Có tin nhắn không gửi được</b>
delivery-failed-count = Không gửi được tới: { $count } người nhận (cá nhân hoặc nhóm Telegram).
delivery-failed-reason = Lý do: { $reason }.
delivery-failed-what-meeting-new = Thông báo lịch họp mới “{ $title }” ({ $when })
delivery-failed-what-meeting-chg = Thông báo thay đổi cuộc họp “{ $title }” ({ $when })
delivery-failed-what-meeting-r = Tin nhắc lịch họp “{ $title }” ({ $when })
delivery-failed-what-meeting-nodocs = Tin nhắc bổ sung tài liệu cho cuộc họp “{ $title }” ({ $when })
delivery-failed-what-notice-nudge1 = Tin nhắc xác nhận đã nhận thông báo “{ $title }”
delivery-failed-what-notice-nudge2 = Danh sách đảng viên chưa xác nhận thông báo “{ $title }”, gửi bí thư
delivery-failed-what-digest = Lịch họp trong ngày gửi Văn phòng
delivery-failed-what-nudge-regular = Tin nhắc bí thư đặt lịch sinh hoạt tháng tới
delivery-failed-what-thematic-report = Danh sách chi bộ chưa sinh hoạt chuyên đề trong quý
delivery-failed-what-absence-flag = Tin báo đảng viên vắng họp không có lý do
delivery-failed-what-report-nudge = Tin nhắc báo cáo chỉ tiêu
delivery-failed-what-report-missing = Danh sách tổ chức đảng chưa báo cáo chỉ tiêu
delivery-failed-what-other = Một tin nhắn tự động của hệ thống
delivery-reason-too-long = tin nhắn dài quá giới hạn của Telegram
delivery-reason-bad-markup = định dạng của tin nhắn không hợp lệ (lỗi của hệ thống; đồng chí vui lòng báo quản trị viên)
delivery-reason-empty = tin nhắn không có nội dung
delivery-reason-bad-file = tệp hoặc ảnh đính kèm không còn dùng được trên Telegram; đồng chí vui lòng gửi lại tệp
delivery-reason-bad-button = nút bấm kèm theo không hợp lệ (lỗi của hệ thống; đồng chí vui lòng báo quản trị viên)
delivery-reason-chat-not-found = Telegram không tìm thấy cuộc trò chuyện: người nhận chưa mở bot, hoặc nhóm không còn
delivery-reason-not-started = người nhận chưa mở bot (chưa bấm Bắt đầu trong cuộc trò chuyện với bot)
delivery-reason-blocked = người nhận đã chặn bot
delivery-reason-deactivated = tài khoản Telegram của người nhận đã bị xóa
delivery-reason-removed-from-group = bot không còn ở trong nhóm
delivery-reason-unavailable = Telegram không phản hồi sau nhiều lần gửi lại
delivery-reason-other = Telegram từ chối tin nhắn ({ $detail })

## /bangdieukhien: the dashboard (a Telegram Mini App) and its API's labels

dashboard-open = <b>Bảng điều khiển</b>: chỉ tiêu, báo cáo, sinh hoạt chi bộ, thông báo và mức độ sử dụng bot của các tổ chức đảng trong phạm vi của đồng chí. Đồng chí bấm nút dưới đây để mở.
dashboard-button = 📊 Mở bảng điều khiển
dashboard-menu-button = Bảng điều khiển
dashboard-group = Bảng điều khiển chỉ mở được trong cuộc trò chuyện riêng với bot. Đồng chí bấm nút dưới đây để mở cuộc trò chuyện riêng, rồi bấm nút mở bảng điều khiển.
dashboard-group-button = 🔒 Mở trong cuộc trò chuyện riêng
dashboard-not-configured = Bảng điều khiển chưa được cài đặt cho bot này (thiếu địa chỉ trang web WEBAPP_URL). Đồng chí vui lòng liên hệ quản trị viên của bot tại Văn phòng Đảng ủy Khối.
dash-author-office = Văn phòng Đảng ủy Khối
dash-month = tháng { $month }
dash-yes = Có
dash-no = Không
dash-trend-up = tăng
dash-trend-down = giảm
dash-trend-flat = không đổi
dash-mark-held = đã họp
dash-mark-missed = không họp
dash-mark-planned = đã lên lịch
dash-mark-none = chưa có lịch
dash-delivery-delivered = đã nhận được tin
dash-delivery-waiting = đang chờ gửi
dash-delivery-unreachable = không gửi được
dash-delivery-failed = gửi lỗi
dash-delivery-cancelled = đã hủy gửi
dash-delivery-not_linked = chưa liên kết Telegram
dash-delivery-groups_only = chỉ gửi vào nhóm
dash-col-organisation = Tổ chức đảng
dash-col-cluster = Khối thi đua
dash-col-indicator = Chỉ tiêu
dash-col-target = Chỉ tiêu đề ra
dash-col-value = Số liệu
dash-col-status = Đánh giá
dash-col-reported = Đã báo cáo
dash-col-last-report = Báo cáo gần nhất
dash-col-trend = Xu hướng
dash-col-period = Quý
dash-col-numerator = Số lượng
dash-col-denominator = Tổng số
dash-col-note = Ghi chú
dash-col-reported-at = Thời điểm báo cáo
dash-col-missing = Số chỉ tiêu chưa báo cáo
dash-col-reminded = Đã nhắc lúc
dash-col-attendance = Tỷ lệ dự họp
dash-col-thematic = Chuyên đề { $quarter }
dash-col-absentee = Đảng viên vắng không lý do từ 3 lần
dash-col-absences = Số lần vắng
dash-col-title = Thông báo
dash-col-sent = Ngày gửi
dash-col-author = Nơi gửi
dash-col-recipients = Người nhận
dash-col-delivered = Đã nhận được tin
dash-col-unreachable = Không gửi được
dash-col-not-linked = Chưa liên kết Telegram
dash-col-acknowledged = Đã xác nhận
dash-col-reason = Lý do
dash-col-count = Số người
dash-col-name = Họ và tên
dash-col-delivery = Tình trạng gửi
dash-col-ack-at = Xác nhận lúc
dash-col-members = Đảng viên
dash-col-linked = Đã liên kết Telegram
dash-col-groups = Nhóm Telegram đã liên kết
dash-col-total = Tổng cộng
dash-col-meeting = Cuộc họp
dash-col-when = Thời gian
dash-col-kind = Loại
dash-col-attended = Có mặt

## i14-claim

claim-welcome =
    ✅ Đồng chí <b>{ $name }</b> đã được ghi nhận là quản trị viên của Văn phòng Đảng ủy Khối.
    Đồng chí vui lòng chọn cách bắt đầu:
    • <b>Dùng dữ liệu mẫu</b>: bot tạo một Đảng bộ Khối mẫu (tổ chức đảng, đảng viên, chỉ tiêu nghị quyết) để đồng chí dùng thử các lệnh ngay.
    • <b>Bắt đầu trống</b>: bot không tạo gì; đồng chí nhập danh sách tổ chức đảng và đảng viên thật.
claim-button-demo = 🧪 Dùng dữ liệu mẫu
claim-button-empty = 📄 Bắt đầu trống
claim-expired = Mã nhận quyền quản trị này đã hết hạn. Đồng chí vui lòng nhờ người quản lý máy chủ gửi đường liên kết mới: mỗi lần bot khởi động mà chưa có quản trị viên, nhật ký của bot ghi một đường liên kết mới.
claim-closed = Mã nhận quyền quản trị này không còn hiệu lực: Văn phòng Đảng ủy Khối đã có quản trị viên. Nếu cần được cấp quyền, đồng chí vui lòng liên hệ quản trị viên.
claim-admin-only = Chỉ quản trị viên mới chọn được cách bắt đầu.
claim-offer-gone = Cách bắt đầu đã được chọn; lựa chọn này không còn hiệu lực và không có gì thay đổi.
claim-offer-not-empty = Đảng bộ Khối đã có tổ chức đảng, nên không cần chọn cách bắt đầu nữa; không có gì thay đổi.
claim-demo-done =
    ✅ Đã tạo dữ liệu mẫu <b>{ $bloc }</b>: { $branches } tổ chức đảng, { $members } đảng viên.
    Đồng chí có thể thử ngay: /trogiup để xem các lệnh, /chibo để xem tóm tắt Đảng bộ Khối.
    Dữ liệu mẫu chỉ để dùng thử; khi dùng thật, người quản lý máy chủ cho bot chạy với một cơ sở dữ liệu mới.
claim-empty-done =
    Đồng chí đã chọn bắt đầu trống.
    { first-steps }
first-steps =
    Để bắt đầu, đồng chí vui lòng:
    1. Nhờ người quản lý máy chủ nhập danh sách tổ chức đảng và đảng viên từ tệp Excel bằng lệnh nhập dữ liệu của bot (hướng dẫn và các cột trong tệp README của bot, phần nhập danh sách).
    2. Sau đó mời bí thư các tổ chức đảng bằng /moi, ví dụ <code>/moi chibo CB01 bí thư</code>; bí thư mời tiếp đảng viên của tổ chức mình.
    Đồng chí có thể gõ /trogiup để xem các lệnh.
bloc-summary-title = <b>{ $bloc }</b>
bloc-summary-branches = Tổ chức đảng: { $total } ({ $committees } đảng bộ cơ sở, { $cells } chi bộ cơ sở, { $subcells } chi bộ trực thuộc)
bloc-summary-clusters = Khối thi đua: { $count }
bloc-summary-linked = Đảng viên đã liên kết Telegram: { $linked }/{ $total }
bloc-summary-groups = Nhóm Telegram đã liên kết: { $count }
bloc-summary-pointer = Đồng chí không thuộc tổ chức đảng nào; để xem một tổ chức đảng, đồng chí gõ <code>/chibo mã-tổ-chức</code>, ví dụ <code>/chibo { $code }</code>.
bloc-empty =
    <b>{ $bloc }</b> chưa có tổ chức đảng nào.
    { first-steps }
## i14-lists
paging-page = (trang { $page }/{ $pages })
paging-prev = ◀ Trang trước
paging-next = Trang sau ▶
paging-not-yours = Danh sách này là của người đã hỏi. Đồng chí vui lòng tự gõ lệnh để xem.
meetings-list-line = { $n }. <b>{ $date } { $time }</b> · { $kind } · { $title }{ $branch }
meetings-list-hint = Đồng chí bấm vào một cuộc họp để xem chi tiết, đăng ký tham dự hoặc báo vắng.
meetings-list-back = ◀ Danh sách cuộc họp
meetings-list-gone = Cuộc họp này đã bị hủy; danh sách đã được cập nhật.
meeting-kind-short-regular = Định kỳ
meeting-kind-short-regular-combined = Định kỳ kết hợp chuyên đề
meeting-kind-short-thematic = Chuyên đề
meeting-kind-short-committee = Hội nghị cấp ủy
meeting-kind-short-briefing = Quán triệt nghị quyết
meeting-kind-short-congress = Đại hội
meeting-kind-short-other = Cuộc họp
att-marked = Đã đánh dấu { $marked }/{ $total } đồng chí.
broadcast-ask-branches-pick = Đồng chí vui lòng gõ mã các tổ chức đảng, cách nhau bằng dấu phẩy, ví dụ <code>CB01, DB02</code>; hoặc bấm để chọn bên dưới rồi bấm “Xong”.
broadcast-branches-done = ✔ Xong (đã chọn { $count })
broadcast-branches-none-chosen = Đồng chí chưa chọn tổ chức đảng nào. Đồng chí vui lòng bấm chọn ít nhất một, hoặc gõ mã.
## i14-habits

bot-description =
    Trợ lý của { $bloc } trên Telegram, dành cho cán bộ, đảng viên:
    • lịch họp của tổ chức đảng, nhắc lịch trước giờ họp;
    • thông báo, văn bản và xác nhận đã nhận;
    • chỉ tiêu nghị quyết và báo cáo số liệu;
    • tra cứu nhanh.
    Bot chỉ phục vụ đảng viên đã đăng ký. Đồng chí vui lòng mở đường liên kết mời do bí thư tổ chức đảng hoặc Văn phòng Đảng ủy Khối gửi, rồi bấm “Bắt đầu”.
bot-description-unnamed =
    Trợ lý của Đảng bộ Khối trên Telegram, dành cho cán bộ, đảng viên:
    • lịch họp của tổ chức đảng, nhắc lịch trước giờ họp;
    • thông báo, văn bản và xác nhận đã nhận;
    • chỉ tiêu nghị quyết và báo cáo số liệu;
    • tra cứu nhanh.
    Bot chỉ phục vụ đảng viên đã đăng ký. Đồng chí vui lòng mở đường liên kết mời do bí thư tổ chức đảng hoặc Văn phòng Đảng ủy Khối gửi, rồi bấm “Bắt đầu”.
bot-short-description = Trợ lý của { $bloc }: lịch họp, thông báo, chỉ tiêu nghị quyết cho cán bộ, đảng viên.
bot-short-description-unnamed = Trợ lý của Đảng bộ Khối: lịch họp, thông báo, chỉ tiêu nghị quyết cho cán bộ, đảng viên.
invite-share-button = 📤 Chuyển lời mời
invite-share-text = Lời mời sử dụng bot của Đảng bộ Khối trên Telegram: đồng chí vui lòng mở liên kết này rồi bấm “Bắt đầu”.
inline-stranger-button = Mở bot để được hướng dẫn đăng ký
## i14-cal
calendar-usage = Đồng chí gõ /lichics để tải lịch họp (tệp .ics), hoặc <code>/lichics huy</code> để hủy đường dẫn đăng ký lịch trên điện thoại.
calendar-button-subscribe = 📅 Đăng ký lịch trên điện thoại
calendar-button-renew = 🔄 Tạo đường dẫn mới
calendar-button-revoke = 🗑 Hủy đường dẫn
calendar-sub-disabled = Việc đăng ký lịch họp tự cập nhật trên điện thoại chưa được bật cho bot này.
calendar-sub-disabled-office = Việc đăng ký lịch họp tự cập nhật trên điện thoại chưa được bật: quản trị viên của bot cần đặt địa chỉ công khai của bot (biến <code>PUBLIC_URL</code>, xem README).
calendar-sub-new =
    <b>Đăng ký lịch họp trên điện thoại</b>
    Đường dẫn riêng của đồng chí (bấm vào để sao chép; đồng chí vui lòng không chia sẻ cho người khác):
    <code>{ $https }</code>

    Cách thêm:
    • iPhone, iPad: Cài đặt → Lịch → Tài khoản → Thêm tài khoản → Khác → Thêm lịch đã đăng ký, rồi dán đường dẫn trên. Trên máy Mac, hoặc mở bằng Safari: <code>{ $webcal }</code>
    • Google Calendar: trên máy tính, mở calendar.google.com → Lịch khác → + → Từ URL, rồi dán đường dẫn; lịch sẽ hiện cả trên điện thoại Android.
    • Outlook: Thêm lịch → Đăng ký từ web, rồi dán đường dẫn.

    Ứng dụng lịch tự cập nhật theo chu kỳ riêng (thường vài giờ một lần). Nếu lộ đường dẫn, đồng chí gõ <code>/lichics huy</code> hoặc bấm nút dưới đây; sau đó có thể tạo đường dẫn mới.
calendar-sub-exists = Đồng chí đã có đường dẫn đăng ký lịch (tạo lúc { $since }), trong tin nhắn bot đã gửi lúc đó; vì an toàn, bot không lưu đường dẫn để gửi lại. Khi cần, đồng chí có thể tạo đường dẫn mới (đường dẫn cũ sẽ thôi hoạt động) hoặc hủy đường dẫn.
calendar-sub-revoked = Đã hủy đường dẫn đăng ký lịch: ứng dụng lịch dùng đường dẫn đó sẽ không nhận được lịch họp nữa (đồng chí có thể xóa lịch đó khỏi ứng dụng). Muốn đăng ký lại, đồng chí gõ /lichics và bấm “Đăng ký lịch trên điện thoại”.
calendar-sub-none = Đồng chí chưa có đường dẫn đăng ký lịch nào, không có gì để hủy.
calendar-private-only = Đường dẫn đăng ký lịch là riêng của từng người: đồng chí vui lòng gõ /lichics trong cuộc trò chuyện riêng với bot.
## i14-groups
link-done-topic = ✅ Đã liên kết nhóm <b>{ $title }</b> với <b>{ $branch }</b>. Lịch họp và thông báo của tổ chức đảng sẽ được gửi vào chủ đề này.
link-done-general = ✅ Đã liên kết nhóm <b>{ $title }</b> với <b>{ $branch }</b>. Lịch họp và thông báo sẽ được gửi vào mục chung (General) của nhóm. Để nhận trong một chủ đề, đồng chí vui lòng gõ /lienket trong chủ đề đó.
link-already-topic = Nhóm này đã được liên kết với <b>{ $branch }</b>, và lịch họp, thông báo đã được gửi vào chủ đề này.
broadcast-ask-pin = Ghim thông báo trong các nhóm nhận được? Thông báo mới được ghim sẽ thay thông báo bot đã ghim trước đó trong nhóm.
broadcast-pin-yes = 📌 Có, ghim trong nhóm
broadcast-pin-no = Không ghim
broadcast-summary-pin = Ghim trong nhóm: { $pin }
delivery-failed-what-notice-pin = Việc ghim thông báo “{ $title }” trong nhóm
delivery-reason-no-pin-rights = bot không có quyền ghim tin nhắn trong nhóm (cần là quản trị viên có quyền ghim tin)
