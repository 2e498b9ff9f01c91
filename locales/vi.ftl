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
    /trogiup: hướng dẫn này
help-leader =
    <b>Dành cho bí thư, phó bí thư</b>
    /taolich: tạo lịch họp
    /guithongbao: gửi thông báo
    /baocao: báo cáo số liệu chỉ tiêu
    /diemdanh: điểm danh sau cuộc họp
    /moi: tạo lời mời cho đảng viên chi bộ
    /lienket: liên kết nhóm Telegram với chi bộ (gõ trong nhóm)
help-office =
    <b>Dành cho Văn phòng Đảng ủy Khối</b>
    /moi: tạo lời mời cho bất kỳ đảng viên, chi bộ nào
    /chibo mã-chi-bộ: xem một chi bộ bất kỳ
    /lienket mã-chi-bộ: liên kết nhóm với chi bộ (gõ trong nhóm)
help-group =
    Trong nhóm, bot trả lời các lệnh: /chibo, /lichhop, /chitieu, /thongbao, /tim.
    Bí thư chi bộ gõ <code>/lienket mã-chi-bộ</code> để liên kết nhóm này với chi bộ.

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

## Commands planned for later releases

coming-soon = Tính năng /{ $command } đang được hoàn thiện và sẽ sớm có.

## Anything else

unhandled-private = Tôi chưa hiểu yêu cầu này. Gõ /trogiup để xem các lệnh có thể dùng.
