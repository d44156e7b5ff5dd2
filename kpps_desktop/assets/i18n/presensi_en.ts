<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="id_ID">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Tentang Presensi KPPS</source>
        <translation>About Presensi KPPS</translation>
    </message>
    <message>
        <source>&lt;b&gt;Presensi KPPS&lt;/b&gt; versi {version}&lt;br&gt;Presensi pelantikan dan bimtek petugas KPPS, bekerja tanpa internet.&lt;br&gt;&lt;br&gt;Database: {db}&lt;br&gt;Cadangan: {backups}</source>
        <translation>&lt;b&gt;Presensi KPPS&lt;/b&gt; version {version}&lt;br&gt;Attendance of KPPS officers at inductions and technical training, working without internet.&lt;br&gt;&lt;br&gt;Database: {db}&lt;br&gt;Backups: {backups}</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Lisensi:</source>
        <translation>Licences:</translation>
    </message>
</context>
<context>
    <name>AbsentPanel</name>
    <message>
        <source>Klik ▸ atau tekan → untuk membuka kecamatan dan desa; * membuka semuanya.</source>
        <translation>Click ▸ or press → to open a kecamatan or desa; * opens them all.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Semua waktu</source>
        <translation>All time</translation>
    </message>
    <message>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>7 hari terakhir</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>30 hari terakhir</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Log audit data pribadi</source>
        <translation>Personal data audit log</translation>
    </message>
    <message>
        <source>Semua jenis</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>Jenis:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Waktu:</source>
        <translation>Time:</translation>
    </message>
    <message>
        <source>Log ini tidak dapat diubah atau dihapus. Waktu ditampilkan dalam waktu setempat.</source>
        <translation>This log cannot be changed or deleted. Times are shown in local time.</translation>
    </message>
    <message>
        <source>{n} catatan</source>
        <translation>{n} entries</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Apa</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Wilayah/lingkup</source>
        <translation>Region/scope</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Harian (otomatis)</source>
        <translation>Daily (automatic)</translation>
    </message>
    <message>
        <source>Dibuat manual</source>
        <translation>Made by hand</translation>
    </message>
    <message>
        <source>Salinan flashdisk</source>
        <translation>USB stick copy</translation>
    </message>
    <message>
        <source>Sebelum impor</source>
        <translation>Before an import</translation>
    </message>
    <message>
        <source>Sebelum pembaruan aplikasi</source>
        <translation>Before an app update</translation>
    </message>
    <message>
        <source>Sebelum pemulihan</source>
        <translation>Before a restore</translation>
    </message>
    <message>
        <source>Cadangan database</source>
        <translation>Database backups</translation>
    </message>
    <message>
        <source>Cadangan dibuat otomatis setiap hari dan sebelum impor atau pembaruan aplikasi, di folder &lt;a href=&apos;{url}&apos;&gt;{folder}&lt;/a&gt;.</source>
        <translation>Backups are made automatically every day and before every import or app update, in the folder &lt;a href=&apos;{url}&apos;&gt;{folder}&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Cadangkan sekarang</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Cadangkan ke flashdisk…</source>
        <translation>Back up to USB stick…</translation>
    </message>
    <message>
        <source>Pulihkan yang dipilih…</source>
        <translation>Restore the selected one…</translation>
    </message>
    <message>
        <source>Pulihkan dari berkas…</source>
        <translation>Restore from a file…</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Pemulihan sudah dijadwalkan: dipakai saat aplikasi dibuka lagi.</source>
        <translation>A restore is scheduled: it is applied when the app is opened again.</translation>
    </message>
    <message>
        <source>Cadangan dibuat dan diperiksa: {path}</source>
        <translation>Backup made and verified: {path}</translation>
    </message>
    <message>
        <source>Pilih folder di flashdisk</source>
        <translation>Choose a folder on the USB stick</translation>
    </message>
    <message>
        <source>Cadangan ditulis dan diperiksa: {path}. Lepas flashdisk dengan aman (Eject) sebelum mencabutnya.</source>
        <translation>Backup written and verified: {path}. Eject the USB stick safely before unplugging it.</translation>
    </message>
    <message>
        <source>Pilih berkas cadangan</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>Cadangan Presensi KPPS (*.sqlite)</source>
        <translation>Presensi KPPS backups (*.sqlite)</translation>
    </message>
    <message>
        <source>Pulihkan database dari cadangan {name}?

Semua perubahan sesudah cadangan itu dibuat akan hilang dari database (database sekarang tetap disimpan sebagai cadangan &apos;Sebelum pemulihan&apos;).</source>
        <translation>Restore the database from backup {name}?

Every change made after that backup will be gone from the database (the current database is kept as a &apos;Before a restore&apos; backup).</translation>
    </message>
    <message>
        <source>Cadangan {name} siap dipulihkan saat aplikasi dibuka lagi.</source>
        <translation>Backup {name} will be restored when the app is opened again.</translation>
    </message>
    <message>
        <source>Cadangan sudah diperiksa. Pemulihan dilakukan saat aplikasi dibuka lagi.

Tutup aplikasi sekarang?</source>
        <translation>The backup has been verified. It is restored when the app is opened again.

Close the app now?</translation>
    </message>
</context>
<context>
    <name>CameraWidget</name>
    <message>
        <source>Kamera tidak tersedia: komponen multimedia Qt tidak dapat dimuat di komputer ini. Gunakan pemindai atau presensi manual.</source>
        <translation>Camera not available: the Qt multimedia components cannot be loaded on this computer. Use the scanner or manual check-in.</translation>
    </message>
    <message>
        <source>Tidak ada kamera terdeteksi. Pasang webcam, lalu pilih di daftar.</source>
        <translation>No camera found. Plug in a webcam, then choose it in the list.</translation>
    </message>
    <message>
        <source>Kamera tidak dapat dibuka: {error}. Mungkin sedang dipakai aplikasi lain (Zoom, WhatsApp, aplikasi kamera); tutup aplikasi itu lalu coba lagi.</source>
        <translation>The camera cannot be opened: {error}. Another app may be using it (Zoom, WhatsApp, a camera app); close that app and try again.</translation>
    </message>
    <message>
        <source>Kamera tidak mengirim gambar. Mungkin sedang dipakai aplikasi lain; tutup aplikasi itu atau pilih kamera lain.</source>
        <translation>The camera sends no picture. Another app may be using it; close that app or choose another camera.</translation>
    </message>
    <message>
        <source>Di Windows, periksa juga Pengaturan › Privasi &amp; keamanan › Kamera: &quot;Akses kamera&quot; dan &quot;Izinkan aplikasi desktop mengakses kamera&quot; harus Aktif.</source>
        <translation>On Windows, also check Settings › Privacy &amp; security › Camera: &quot;Camera access&quot; and &quot;Let desktop apps access your camera&quot; must be On.</translation>
    </message>
    <message>
        <source>Mulai kamera</source>
        <translation>Start camera</translation>
    </message>
    <message>
        <source>Pratinjau kamera</source>
        <translation>Camera preview</translation>
    </message>
    <message>
        <source>Pilih kamera, lalu tekan Mulai. Tunjukkan kartu ke kamera.</source>
        <translation>Choose a camera, then press Start. Show the card to the camera.</translation>
    </message>
    <message>
        <source>Kamera {name} dibuka…</source>
        <translation>Opening camera {name}…</translation>
    </message>
    <message>
        <source>Hentikan kamera</source>
        <translation>Stop camera</translation>
    </message>
    <message>
        <source>Kamera aktif. Tunjukkan kartu (kode QR) ke kamera.</source>
        <translation>Camera on. Show the card (QR code) to the camera.</translation>
    </message>
    <message>
        <source>galat tidak dikenal</source>
        <translation>unknown error</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Presensi per 5 menit</source>
        <translation>Check-ins per 5 minutes</translation>
    </message>
</context>
<context>
    <name>CheckinHost</name>
    <message>
        <source>Pilih sesi untuk memulai presensi</source>
        <translation>Choose a session to start check-in</translation>
    </message>
    <message>
        <source>Mulai presensi</source>
        <translation>Start check-in</translation>
    </message>
    <message>
        <source>Kelola sesi…</source>
        <translation>Manage sessions…</translation>
    </message>
    <message>
        <source>Impor kehadiran daring…</source>
        <translation>Import online attendance…</translation>
    </message>
    <message>
        <source>Laporan peserta Zoom, Google Meet, Teams, atau Google Formulir untuk sesi yang dipilih</source>
        <translation>A Zoom, Google Meet, Teams or Google Forms participant report for the selected session</translation>
    </message>
    <message>
        <source>← Ganti sesi</source>
        <translation>← Change session</translation>
    </message>
    <message>
        <source>(ditutup)</source>
        <translation>(closed)</translation>
    </message>
    <message>
        <source>Belum ada sesi. Buat sesi pelantikan atau bimtek lewat &quot;Kelola sesi…&quot;.</source>
        <translation>No sessions yet. Create an induction or training session with &quot;Manage sessions…&quot;.</translation>
    </message>
    <message>
        <source>Mulai presensi sesi yang dipilih (Enter).</source>
        <translation>Start check-in for the selected session (Enter).</translation>
    </message>
    <message>
        <source>Belum ada sesi: buat sesi lewat &quot;Kelola sesi…&quot;.</source>
        <translation>No sessions yet: create one with &quot;Manage sessions…&quot;.</translation>
    </message>
</context>
<context>
    <name>CheckinScreen</name>
    <message>
        <source>SUDAH HADIR</source>
        <translation>ALREADY PRESENT</translation>
    </message>
    <message>
        <source>KODE TIDAK DIKENAL</source>
        <translation>UNKNOWN CODE</translation>
    </message>
    <message>
        <source>KARTU DICABUT</source>
        <translation>CARD REVOKED</translation>
    </message>
    <message>
        <source>BUKAN PESERTA SESI INI</source>
        <translation>NOT IN THIS SESSION</translation>
    </message>
    <message>
        <source>BUKAN KARTU PRESENSI</source>
        <translation>NOT AN ATTENDANCE CARD</translation>
    </message>
    <message>
        <source>SESI SUDAH DITUTUP</source>
        <translation>SESSION ALREADY CLOSED</translation>
    </message>
    <message>
        <source>BUKAN HARI SESI</source>
        <translation>NOT THE SESSION DAY</translation>
    </message>
    <message>
        <source>Pindai ulang, atau cari nama (F2).</source>
        <translation>Scan again, or search by name (F2).</translation>
    </message>
    <message>
        <source>Pakai kartu baru, atau cari nama (F2) untuk presensi manual.</source>
        <translation>Use the new card, or search by name (F2) for a manual check-in.</translation>
    </message>
    <message>
        <source>Arahkan ke sesi yang benar, atau cari nama (F2) bila ia memang peserta.</source>
        <translation>Send them to the right session, or search by name (F2) if they do belong here.</translation>
    </message>
    <message>
        <source>Pindai ulang kartu presensi (bukan KTP), atau cari nama (F2).</source>
        <translation>Scan the attendance card again (not the ID card), or search by name (F2).</translation>
    </message>
    <message>
        <source>Entri kertas (F4) masih bisa; untuk sesi lain pilih ← Ganti sesi.</source>
        <translation>Paper entry (F4) still works; for another session choose ← Change session.</translation>
    </message>
    <message>
        <source>Pilih sesi hari ini (← Ganti sesi), atau entri kertas (F4) dengan jamnya.</source>
        <translation>Choose today&apos;s session (← Change session), or paper entry (F4) with its time.</translation>
    </message>
    <message>
        <source>Pindai ulang; bila terulang, catat di kertas dan lapor operator.</source>
        <translation>Scan again; if it happens again, write it on paper and tell the operator.</translation>
    </message>
    <message>
        <source>Dibatalkan</source>
        <translation>Canceled</translation>
    </message>
    <message>
        <source>Kode tidak dikenal</source>
        <translation>Unknown code</translation>
    </message>
    <message>
        <source>Kartu dicabut</source>
        <translation>Card revoked</translation>
    </message>
    <message>
        <source>Bukan peserta</source>
        <translation>Not a participant</translation>
    </message>
    <message>
        <source>Bukan kartu presensi</source>
        <translation>Not an attendance card</translation>
    </message>
    <message>
        <source>Sesi ditutup</source>
        <translation>Session closed</translation>
    </message>
    <message>
        <source>pemindai</source>
        <translation>scanner</translation>
    </message>
    <message>
        <source>kamera</source>
        <translation>camera</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>kertas</source>
        <translation>paper</translation>
    </message>
    <message>
        <source>meja</source>
        <translation>desk</translation>
    </message>
    <message>
        <source>penutupan</source>
        <translation>closing</translation>
    </message>
    <message>
        <source>SESI DITUTUP</source>
        <translation>SESSION CLOSED</translation>
    </message>
    <message>
        <source>Ditutup pukul {time}; pindaian tidak diterima.</source>
        <translation>Closed at {time}; scans are not accepted.</translation>
    </message>
    <message>
        <source>SIAP</source>
        <translation>READY</translation>
    </message>
    <message>
        <source>Lainnya…</source>
        <translation>Other…</translation>
    </message>
    <message>
        <source>Hadir (presensi manual)</source>
        <translation>Present (manual check-in)</translation>
    </message>
    <message>
        <source>Kartu tertinggal</source>
        <translation>Card left at home</translation>
    </message>
    <message>
        <source>Kartu rusak</source>
        <translation>Card damaged</translation>
    </message>
    <message>
        <source>Hadir daring</source>
        <translation>Present online</translation>
    </message>
    <message>
        <source>Tugas di luar kota</source>
        <translation>Duty out of town</translation>
    </message>
    <message>
        <source>Ujian/seleksi CPNS</source>
        <translation>CPNS exam/selection</translation>
    </message>
    <message>
        <source>Izin</source>
        <translation>Excused</translation>
    </message>
    <message>
        <source>Keperluan keluarga</source>
        <translation>Family matters</translation>
    </message>
    <message>
        <source>Tugas kantor</source>
        <translation>Office duty</translation>
    </message>
    <message>
        <source>Sakit</source>
        <translation>Sick</translation>
    </message>
    <message>
        <source>Dengan surat dokter</source>
        <translation>With a doctor&apos;s note</translation>
    </message>
    <message>
        <source>Tanpa surat dokter</source>
        <translation>Without a doctor&apos;s note</translation>
    </message>
    <message>
        <source>Pindai kartu, tunjukkan ke kamera, atau cari nama (F2)</source>
        <translation>Scan a card, show it to the camera, or find a name (F2)</translation>
    </message>
    <message>
        <source>Senin</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Selasa</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Rabu</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Kamis</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Jumat</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Sabtu</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Minggu</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>Januari</source>
        <translation>January</translation>
    </message>
    <message>
        <source>Februari</source>
        <translation>February</translation>
    </message>
    <message>
        <source>Maret</source>
        <translation>March</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>Mei</source>
        <translation>May</translation>
    </message>
    <message>
        <source>Juni</source>
        <translation>June</translation>
    </message>
    <message>
        <source>Juli</source>
        <translation>July</translation>
    </message>
    <message>
        <source>Agustus</source>
        <translation>August</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>Oktober</source>
        <translation>October</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>Desember</source>
        <translation>December</translation>
    </message>
    <message>
        <source>{day}, {d} {month} {year}</source>
        <translation>{day}, {d} {month} {year}</translation>
    </message>
    <message>
        <source>Desa {name}</source>
        <translation>Desa {name}</translation>
    </message>
    <message>
        <source>PRESENSI DIBATALKAN</source>
        <translation>CHECK-IN CANCELED</translation>
    </message>
    <message>
        <source>HADIR — TERLAMBAT</source>
        <translation>PRESENT — LATE</translation>
    </message>
    <message>
        <source>HADIR</source>
        <translation>PRESENT</translation>
    </message>
    <message>
        <source>DITOLAK</source>
        <translation>REFUSED</translation>
    </message>
    <message>
        <source>Ketik atau tempel kode kartu, lalu Enter</source>
        <translation>Type or paste a card code, then Enter</translation>
    </message>
    <message>
        <source>Cari / manual (F2)</source>
        <translation>Find / manual (F2)</translation>
    </message>
    <message>
        <source>Entri kertas (F4)</source>
        <translation>Paper entry (F4)</translation>
    </message>
    <message>
        <source>Batalkan terakhir (Ctrl+Z)</source>
        <translation>Undo last (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Kamera (F6)</source>
        <translation>Camera (F6)</translation>
    </message>
    <message>
        <source>Layar penuh (F11)</source>
        <translation>Full screen (F11)</translation>
    </message>
    <message>
        <source>Per TPS</source>
        <translation>Per TPS</translation>
    </message>
    <message>
        <source>Terakhir</source>
        <translation>Latest</translation>
    </message>
    <message>
        <source>DITUTUP {time}</source>
        <translation>CLOSED {time}</translation>
    </message>
    <message>
        <source>Hadir {present} / {expected}</source>
        <translation>Present {present} / {expected}</translation>
    </message>
    <message>
        <source>Bukan hari sesi</source>
        <translation>Not the session day</translation>
    </message>
    <message>
        <source>Sesi ini bertanggal {date} — bukan hari ini. Tetap catat?</source>
        <translation>This session is dated {date} — not today. Record anyway?</translation>
    </message>
    <message>
        <source>Tetap catat</source>
        <translation>Record anyway</translation>
    </message>
    <message>
        <source>Jangan catat</source>
        <translation>Do not record</translation>
    </message>
    <message>
        <source>{n} pindaian tidak dicatat.</source>
        <translation>{n} scans not recorded.</translation>
    </message>
    <message>
        <source>TIDAK DISIMPAN</source>
        <translation>NOT SAVED</translation>
    </message>
    <message>
        <source>Pindaian belum selesai ({n})</source>
        <translation>Unresolved scans ({n})</translation>
    </message>
    <message>
        <source>presensi ini</source>
        <translation>this check-in</translation>
    </message>
    <message>
        <source>Batalkan presensi</source>
        <translation>Cancel check-in</translation>
    </message>
    <message>
        <source>Batalkan presensi {who} pukul {time}? Pembatalan dicatat, catatan aslinya tetap tersimpan.</source>
        <translation>Cancel the check-in of {who} at {time}? The cancellation is recorded; the original record is kept.</translation>
    </message>
    <message>
        <source>Suara: nyala</source>
        <translation>Sound: on</translation>
    </message>
    <message>
        <source>Suara: mati</source>
        <translation>Sound: off</translation>
    </message>
    <message>
        <source>Keluar layar penuh (F11)</source>
        <translation>Leave full screen (F11)</translation>
    </message>
    <message>
        <source>Layar penuh</source>
        <translation>Full screen</translation>
    </message>
    <message>
        <source>Keluar dari layar penuh presensi?</source>
        <translation>Leave the full-screen check-in?</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Leave</translation>
    </message>
    <message>
        <source>Tetap di sini</source>
        <translation>Stay here</translation>
    </message>
</context>
<context>
    <name>CountsTable</name>
    <message>
        <source>Tlmbt</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Daring</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Izin</source>
        <translation>Excused</translation>
    </message>
    <message>
        <source>Sakit</source>
        <translation>Sick</translation>
    </message>
    <message>
        <source>Belum</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>Terlambat {n}</source>
        <translation>Late {n}</translation>
    </message>
    <message>
        <source>Daring {n}</source>
        <translation>Online {n}</translation>
    </message>
    <message>
        <source>Izin {n}</source>
        <translation>Excused {n}</translation>
    </message>
    <message>
        <source>Sakit {n}</source>
        <translation>Sick {n}</translation>
    </message>
    <message>
        <source>Tidak hadir {n}</source>
        <translation>Absent {n}</translation>
    </message>
    <message>
        <source>Belum {n}</source>
        <translation>Not yet {n}</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Hadir</source>
        <translation>Present</translation>
    </message>
</context>
<context>
    <name>DaringImportDialog</name>
    <message>
        <source>Impor kehadiran daring</source>
        <translation>Import online attendance</translation>
    </message>
    <message>
        <source>Pilih berkas laporan…</source>
        <translation>Choose report files…</translation>
    </message>
    <message>
        <source>Belum ada berkas. Laporan peserta Zoom, Google Meet, Teams, atau jawaban Google Formulir (CSV).</source>
        <translation>No file yet. A Zoom, Google Meet or Teams participant report, or Google Forms answers (CSV).</translation>
    </message>
    <message>
        <source> menit</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minimal hadir:</source>
        <translation>Minimum time:</translation>
    </message>
    <message>
        <source>Pilih baris di daftar &quot;Perlu diperiksa&quot; atau &quot;Tidak cocok&quot;.</source>
        <translation>Choose a row in the &quot;To review&quot; or &quot;Not matched&quot; list.</translation>
    </message>
    <message>
        <source>Cari petugas: nama atau nomor TPS</source>
        <translation>Find an officer: name or TPS number</translation>
    </message>
    <message>
        <source>Tetapkan ke petugas yang dicentang</source>
        <translation>Assign to the ticked officers</translation>
    </message>
    <message>
        <source>Hapus penetapan</source>
        <translation>Remove assignment</translation>
    </message>
    <message>
        <source>Catat hadir daring</source>
        <translation>Record present online</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Pilih laporan peserta</source>
        <translation>Choose participant reports</translation>
    </message>
    <message>
        <source>Laporan peserta (*.csv *.tsv *.txt);;Semua berkas (*)</source>
        <translation>Participant reports (*.csv *.tsv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>{file}: {layout}, {rows} baris</source>
        <translation>{file}: {layout}, {rows} rows</translation>
    </message>
    <message>
        <source>baris {row}</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <source>{n} menit</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{name}: kurang dari {n} menit</source>
        <translation>{name}: less than {n} min</translation>
    </message>
    <message>
        <source>{n} calon</source>
        <translation>{n} candidates</translation>
    </message>
    <message>
        <source>ditetapkan: {names}</source>
        <translation>assigned: {names}</translation>
    </message>
    <message>
        <source>Cocok ({n})</source>
        <translation>Matched ({n})</translation>
    </message>
    <message>
        <source>Perlu diperiksa ({n})</source>
        <translation>To review ({n})</translation>
    </message>
    <message>
        <source>Tidak cocok ({n})</source>
        <translation>Not matched ({n})</translation>
    </message>
    <message>
        <source>{n} petugas akan dicatat hadir daring ({m} baris ditetapkan manual).</source>
        <translation>{n} officers will be recorded present online ({m} rows assigned by hand).</translation>
    </message>
    <message>
        <source>Baris {row}: {name}</source>
        <translation>Row {row}: {name}</translation>
    </message>
    <message>
        <source>Centang satu atau lebih petugas untuk baris ini.</source>
        <translation>Tick one or more officers for this row.</translation>
    </message>
    <message>
        <source>{recorded} petugas dicatat hadir daring; {in_person} sudah hadir langsung (tetap); {already} sudah tercatat hadir daring.</source>
        <translation>{recorded} officers recorded present online; {in_person} already present in person (kept); {already} already recorded present online.</translation>
    </message>
    <message>
        <source>Tidak ada yang dicatat: {message}</source>
        <translation>Nothing was recorded: {message}</translation>
    </message>
</context>
<context>
    <name>DeskBanner</name>
    <message>
        <source>{label} belum menyerahkan berkas</source>
        <translation>{label} has not handed in its file</translation>
    </message>
    <message>
        <source>{label}: {n} catatan belum diterima (berkas tidak lengkap)</source>
        <translation>{label}: {n} records not received (incomplete file)</translation>
    </message>
    <message>
        <source>Angka di bawah belum memuat presensi dari meja tersebut.</source>
        <translation>The numbers below do not yet include that desk&apos;s check-ins.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Presensi KPPS — persiapan awal</source>
        <translation>Presensi KPPS — first set-up</translation>
    </message>
    <message>
        <source>Lanjut &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; Kembali</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Membuat data contoh…</source>
        <translation>Creating sample data…</translation>
    </message>
    <message>
        <source>Data contoh gagal dibuat: {message}</source>
        <translation>Sample data could not be created: {message}</translation>
    </message>
    <message>
        <source>Pembuatan data contoh dibatalkan; database tidak diubah.</source>
        <translation>Sample data canceled; the database was not changed.</translation>
    </message>
    <message>
        <source>Pilih dulu berkas penyiapan dari PPK/KPU.</source>
        <translation>First choose the setup file from the PPK/KPU.</translation>
    </message>
    <message>
        <source>Berkas penyiapan ditolak: {reason}</source>
        <translation>Setup file refused: {reason}</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Langkah pertama</source>
        <translation>First steps</translation>
    </message>
    <message>
        <source>Mencetak kartu</source>
        <translation>Printing cards</translation>
    </message>
    <message>
        <source>Hari presensi</source>
        <translation>The check-in day</translation>
    </message>
    <message>
        <source>Serah terima berkas</source>
        <translation>Handing over the file</translation>
    </message>
    <message>
        <source>Beberapa meja presensi</source>
        <translation>Several check-in desks</translation>
    </message>
    <message>
        <source>Pintasan keyboard</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Panduan Presensi KPPS</source>
        <translation>Presensi KPPS guide</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HandoverView</name>
    <message>
        <source>Kirim</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Terima</source>
        <translation>Receive</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Segarkan</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Wilayah</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Serah terima</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>{scope}: {done} dari {total} desa/kelurahan sudah mengirim data; {gaps} perangkat dengan catatan hilang; {clocks} perangkat dengan jam meleset.</source>
        <translation>{scope}: {done} of {total} desa/kelurahan have sent their data; {gaps} devices with missing records; {clocks} devices with a wrong clock.</translation>
    </message>
    <message>
        <source>Belum pernah mengirim</source>
        <translation>Never sent</translation>
    </message>
    <message>
        <source>perangkat tak dikenal</source>
        <translation>unknown device</translation>
    </message>
    <message>
        <source>Ada catatan hilang</source>
        <translation>Records missing</translation>
    </message>
    <message>
        <source>Perangkat {d}: {n} catatan belum diterima (nomor urut {r}); minta berkas terbaru.</source>
        <translation>Device {d}: {n} records not received (sequence numbers {r}); ask for the latest file.</translation>
    </message>
    <message>
        <source>Jam perangkat meleset</source>
        <translation>Device clock wrong</translation>
    </message>
    <message>
        <source>Perangkat {d}: {n} catatan sampai {days:.0f} hari dari tanggal sesi ({first} … {last}).</source>
        <translation>Device {d}: {n} records up to {days:.0f} days away from the session date ({first} … {last}).</translation>
    </message>
    <message>
        <source>Sudah mengirim</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>terakhir {at}</source>
        <translation>last {at}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Impor daftar petugas KPPS</source>
        <translation>Import KPPS officer roster</translation>
    </message>
    <message>
        <source>Belum ada berkas dipilih (.xlsx atau .csv)</source>
        <translation>No file chosen yet (.xlsx or .csv)</translation>
    </message>
    <message>
        <source>Pilih berkas…</source>
        <translation>Choose files…</translation>
    </message>
    <message>
        <source>Unduh templat…</source>
        <translation>Download template…</translation>
    </message>
    <message>
        <source>Simpan contoh berkas Excel dengan kolom yang dikenali.</source>
        <translation>Save a sample Excel file with the columns the app recognises.</translation>
    </message>
    <message>
        <source>Berkas:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>JK</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Lewati baris ini</source>
        <translation>Skip this row</translation>
    </message>
    <message>
        <source>Baris bermasalah yang dipilih tidak diimpor; baris lain tetap.</source>
        <translation>The selected problem rows are not imported; the other rows still are.</translation>
    </message>
    <message>
        <source>Simpan laporan…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <source>Simpan laporan pemeriksaan sebagai Excel (.xlsx) atau PDF.</source>
        <translation>Save the check report as Excel (.xlsx) or PDF.</translation>
    </message>
    <message>
        <source>Perbaiki isi sel di kolom &quot;Nilai di berkas&quot; (klik dua kali atau F2, lalu Enter): baris diperiksa ulang. Berkas aslinya tidak diubah.</source>
        <translation>Correct a cell in the &quot;Value in the file&quot; column (double-click or F2, then Enter): the rows are checked again. The original file is not changed.</translation>
    </message>
    <message>
        <source>Pratinjau</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Laporan pemeriksaan</source>
        <translation>Check report</translation>
    </message>
    <message>
        <source>Lewati baris bermasalah (hanya baris yang valid diimpor)</source>
        <translation>Skip rows with problems (only valid rows are imported)</translation>
    </message>
    <message>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Wilayah kantor belum diatur: kode desa wajib ada di setiap baris.</source>
        <translation>The office&apos;s region is not set: every row needs a desa code.</translation>
    </message>
    <message>
        <source>Wilayah: Desa/Kelurahan {name} ({code}). Baris tanpa kode desa dianggap dari desa ini.</source>
        <translation>Region: Desa/Kelurahan {name} ({code}). Rows without a desa code are taken to be from this desa.</translation>
    </message>
    <message>
        <source>Wilayah: {name} ({code}). Hanya petugas dari wilayah ini yang dapat diimpor; setiap baris harus memuat kode desa.</source>
        <translation>Region: {name} ({code}). Only officers of this region can be imported; every row must have a desa code.</translation>
    </message>
    <message>
        <source>Pilih berkas daftar petugas</source>
        <translation>Choose a roster file</translation>
    </message>
    <message>
        <source>Daftar petugas (*.xlsx *.csv);;Semua berkas (*)</source>
        <translation>Officer rosters (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Membaca berkas…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>Pembacaan berkas dibatalkan.</source>
        <translation>Reading the file was canceled.</translation>
    </message>
    <message>
        <source>Berkas tidak dapat dibaca: {message}</source>
        <translation>The file cannot be read: {message}</translation>
    </message>
    <message>
        <source>Pilih berkas daftar petugas (.xlsx atau .csv).</source>
        <translation>Choose a roster file (.xlsx or .csv).</translation>
    </message>
    <message>
        <source>Laporan pemeriksaan ({p} masalah, {w} peringatan, {c} catatan)</source>
        <translation>Check report ({p} problems, {w} warnings, {c} notes)</translation>
    </message>
    <message>
        <source>Simpan {n} petugas ke database (semua sekaligus).</source>
        <translation>Save {n} officers to the database (all at once).</translation>
    </message>
    <message>
        <source>Pilih dulu berkas daftar petugas.</source>
        <translation>First choose a roster file.</translation>
    </message>
    <message>
        <source>Berkas ini sudah diimpor.</source>
        <translation>This file has been imported.</translation>
    </message>
    <message>
        <source>Tunggu pemeriksaan selesai.</source>
        <translation>Wait for the check to finish.</translation>
    </message>
    <message>
        <source>{n} baris bermasalah: perbaiki di laporan, lewati barisnya, atau centang &quot;Lewati baris bermasalah&quot;.</source>
        <translation>{n} rows with problems: fix them in the report, skip the rows, or tick &quot;Skip rows with problems&quot;.</translation>
    </message>
    <message>
        <source>Tidak ada baris petugas di berkas ini.</source>
        <translation>This file has no officer rows.</translation>
    </message>
    <message>
        <source>Pratinjau ({n})</source>
        <translation>Preview ({n})</translation>
    </message>
    <message>
        <source>{ok} baris siap diimpor, {bad} baris bermasalah</source>
        <translation>{ok} rows ready to import, {bad} rows with problems</translation>
    </message>
    <message>
        <source>, {n} peringatan</source>
        <translation>, {n} warnings</translation>
    </message>
    <message>
        <source>, {n} baris bukan data atau dilewati</source>
        <translation>, {n} rows not data or skipped</translation>
    </message>
    <message>
        <source>Perbaiki baris bermasalah di berkas lalu pilih lagi, atau centang &quot;Lewati baris bermasalah&quot;.</source>
        <translation>Fix the rows with problems in the file and choose it again, or tick &quot;Skip rows with problems&quot;.</translation>
    </message>
    <message>
        <source>Memeriksa ulang…</source>
        <translation>Checking again…</translation>
    </message>
    <message>
        <source>Simpan laporan pemeriksaan</source>
        <translation>Save the check report</translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx);;PDF (*.pdf)</source>
        <translation>Excel workbook (*.xlsx);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Laporan tidak dapat disimpan: {message}</source>
        <translation>The report cannot be saved: {message}</translation>
    </message>
    <message>
        <source>Laporan disimpan di {path}.</source>
        <translation>Report saved in {path}.</translation>
    </message>
    <message>
        <source>Menyimpan ke database…</source>
        <translation>Saving to the database…</translation>
    </message>
    <message>
        <source>Impor selesai: {added} petugas ditambahkan, {updated} diperbarui, {skipped} baris dilewati.</source>
        <translation>Import done: {added} officers added, {updated} updated, {skipped} rows skipped.</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Impor gagal; database tidak diubah. {message}</source>
        <translation>Import failed; the database was not changed. {message}</translation>
    </message>
    <message>
        <source>Simpan templat daftar petugas</source>
        <translation>Save the roster template</translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Templat tidak dapat disimpan: {message}</source>
        <translation>The template cannot be saved: {message}</translation>
    </message>
    <message>
        <source>Templat disimpan di {path}.</source>
        <translation>Template saved to {path}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Petugas</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>Presensi</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Rekap</source>
        <translation>Recap</translation>
    </message>
    <message>
        <source>Serah terima</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>Presensi KPPS</source>
        <translation>Presensi KPPS</translation>
    </message>
    <message>
        <source>{label} (meja presensi)</source>
        <translation>{label} (check-in desk)</translation>
    </message>
    <message>
        <source>[DEMO]</source>
        <translation>[DEMO]</translation>
    </message>
    <message>
        <source>Impor daftar petugas…</source>
        <translation>Import officer roster…</translation>
    </message>
    <message>
        <source>Impor daftar petugas dari berkas .xlsx atau .csv</source>
        <translation>Import the officer roster from an .xlsx or .csv file</translation>
    </message>
    <message>
        <source>Impor foto petugas…</source>
        <translation>Import officer photos…</translation>
    </message>
    <message>
        <source>Foto untuk kartu, dari folder berkas bernama NIK</source>
        <translation>Photos for the cards, from a folder of files named by NIK</translation>
    </message>
    <message>
        <source>Unduh templat…</source>
        <translation>Download template…</translation>
    </message>
    <message>
        <source>Simpan templat spreadsheet daftar petugas</source>
        <translation>Save the roster spreadsheet template</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Tambah…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Tambah satu petugas</source>
        <translation>Add one officer</translation>
    </message>
    <message>
        <source>Ubah…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Ubah data petugas terpilih (Enter/F2)</source>
        <translation>Edit the selected officer (Enter/F2)</translation>
    </message>
    <message>
        <source>Ganti (PAW)…</source>
        <translation>Replace (PAW)…</translation>
    </message>
    <message>
        <source>Ganti petugas terpilih dengan petugas baru (PAW)</source>
        <translation>Replace the selected officer with a new one (PAW)</translation>
    </message>
    <message>
        <source>Cari</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Panduan</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>Langkah pertama, mencetak kartu, hari presensi, serah terima</source>
        <translation>First steps, printing cards, the check-in day, handover</translation>
    </message>
    <message>
        <source>Tentang</source>
        <translation>About</translation>
    </message>
    <message>
        <source>Pengaturan…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Operator, judul kegiatan, aturan transport, suara, kamera</source>
        <translation>Operator, event title, transport rules, sound, camera</translation>
    </message>
    <message>
        <source>Log audit…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <source>Siapa mengekspor, mengimpor, mencetak, atau membuka NIK, dan kapan</source>
        <translation>Who exported, imported, printed or revealed NIKs, and when</translation>
    </message>
    <message>
        <source>Hapus data pribadi…</source>
        <translation>Delete personal data…</translation>
    </message>
    <message>
        <source>Akhir masa tugas: hapus data pribadi, simpan rekap anonim</source>
        <translation>End of the term: delete personal data, keep the anonymous recap</translation>
    </message>
    <message>
        <source>Cadangan…</source>
        <translation>Backups…</translation>
    </message>
    <message>
        <source>Buat, salin ke USB, atau pulihkan cadangan database</source>
        <translation>Make, copy to USB, or restore database backups</translation>
    </message>
    <message>
        <source>Kelola sesi…</source>
        <translation>Manage sessions…</translation>
    </message>
    <message>
        <source>Buat, ubah, atau tutup sesi pelantikan dan bimtek</source>
        <translation>Create, edit or close induction and training sessions</translation>
    </message>
    <message>
        <source>Buka layar presensi (pindai kartu)</source>
        <translation>Open the check-in screen (scan cards)</translation>
    </message>
    <message>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Cetak kartu petugas terpilih, atau buka layar cetak</source>
        <translation>Print the selected officers&apos; cards, or open the print screen</translation>
    </message>
    <message>
        <source>Impor kehadiran daring…</source>
        <translation>Import online attendance…</translation>
    </message>
    <message>
        <source>Laporan peserta Zoom, Google Meet, Teams, atau Google Formulir dicocokkan dengan daftar petugas</source>
        <translation>A Zoom, Google Meet, Teams or Google Forms participant report matched to the roster</translation>
    </message>
    <message>
        <source>Cetak kartu petugas terpilih…</source>
        <translation>Print cards of the selected officers…</translation>
    </message>
    <message>
        <source>Buka layar cetak untuk petugas yang dipilih</source>
        <translation>Open the print screen for the selected officers</translation>
    </message>
    <message>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Privasi</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>&amp;Petugas</source>
        <translation>&amp;Officers</translation>
    </message>
    <message>
        <source>&amp;Sesi</source>
        <translation>&amp;Sessions</translation>
    </message>
    <message>
        <source>&amp;Tampilan</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Ba&amp;ntuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Alat</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Pilih dulu seorang petugas di tabel.</source>
        <translation>Select an officer in the table first.</translation>
    </message>
    <message>
        <source>{nama} sudah diganti (PAW).</source>
        <translation>{nama} has already been replaced (PAW).</translation>
    </message>
    <message>
        <source>Ubah data {nama} (Enter/F2)</source>
        <translation>Edit {nama}&apos;s details (Enter/F2)</translation>
    </message>
    <message>
        <source>Ganti {nama} dengan petugas baru (PAW)</source>
        <translation>Replace {nama} with a new officer (PAW)</translation>
    </message>
    <message>
        <source>Cetak kartu {nama}</source>
        <translation>Print {nama}&apos;s card</translation>
    </message>
    <message>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Pindaian bukan kartu presensi yang dikenal. Untuk presensi, buka sesi di tab Presensi.</source>
        <translation>The scan is not a known attendance card. To check in, open a session on the Check-in tab.</translation>
    </message>
    <message>
        <source>Kartu {nama}: belum ada sesi terbuka. Buat sesi lewat Sesi → Kelola sesi (Ctrl+E).</source>
        <translation>Card of {nama}: no open session yet. Create one in Sessions → Manage sessions (Ctrl+E).</translation>
    </message>
    <message>
        <source>Buka presensi?</source>
        <translation>Open check-in?</translation>
    </message>
    <message>
        <source>Kartu {nama} — buka presensi untuk sesi {title} ({date})?</source>
        <translation>Card of {nama} — open check-in for the session {title} ({date})?</translation>
    </message>
    <message>
        <source>Total {total} · Aktif {aktif} · Diganti {diganti} · Perempuan {women} · Linmas {linmas}</source>
        <translation>Total {total} · Active {aktif} · Replaced {diganti} · Women {women} · Linmas {linmas}</translation>
    </message>
    <message>
        <source>{n} petugas</source>
        <translation>{n} officers</translation>
    </message>
    <message>
        <source>Menampilkan {shown} dari {total} petugas</source>
        <translation>Showing {shown} of {total} officers</translation>
    </message>
    <message>
        <source>Petugas ditambahkan: {what}.</source>
        <translation>Officer added: {what}.</translation>
    </message>
    <message>
        <source>Perubahan disimpan: {what}.</source>
        <translation>Changes saved: {what}.</translation>
    </message>
    <message>
        <source>Pengganti (PAW) disimpan: {what}.</source>
        <translation>Replacement (PAW) saved: {what}.</translation>
    </message>
    <message>
        <source>{nama} sudah diganti sebelumnya.</source>
        <translation>{nama} has already been replaced.</translation>
    </message>
    <message>
        <source>Pilih folder foto (nama berkas = NIK, mis. 3320015203900001.jpg)</source>
        <translation>Choose the photo folder (file name = NIK, e.g. 3320015203900001.jpg)</translation>
    </message>
    <message>
        <source>Mengimpor foto petugas…</source>
        <translation>Importing officer photos…</translation>
    </message>
    <message>
        <source>{n} foto diimpor; {unknown} berkas tidak cocok dengan NIK mana pun; {failed} gagal dibaca.</source>
        <translation>{n} photos imported; {unknown} files match no NIK; {failed} could not be read.</translation>
    </message>
    <message>
        <source>Simpan templat daftar petugas</source>
        <translation>Save the roster template</translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Templat gagal disimpan: {e}</source>
        <translation>The template could not be saved: {e}</translation>
    </message>
    <message>
        <source>Templat disimpan ke {path}</source>
        <translation>Template saved to {path}</translation>
    </message>
</context>
<context>
    <name>MakeupDialog</name>
    <message>
        <source>Buat sesi susulan</source>
        <translation>Create a make-up session</translation>
    </message>
    <message>
        <source>Sesi susulan untuk {count} petugas yang tidak hadir.</source>
        <translation>Make-up session for {count} absent officers.</translation>
    </message>
    <message>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Jam mulai</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>Jam selesai</source>
        <translation>End time</translation>
    </message>
    <message>
        <source>Tempat</source>
        <translation>Venue</translation>
    </message>
</context>
<context>
    <name>ManualDialog</name>
    <message>
        <source>Presensi manual dan status meja</source>
        <translation>Manual check-in and desk status</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Catat sebagai</source>
        <translation>Record as</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Pilih petugas dari daftar.</source>
        <translation>Choose an officer from the list.</translation>
    </message>
    <message>
        <source>Alasan wajib diisi.</source>
        <translation>A reason is required.</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>Atur untuk kantor saya</source>
        <translation>Set up for my office</translation>
    </message>
    <message>
        <source>Peran dan wilayah menentukan petugas mana yang dikelola di komputer ini.</source>
        <translation>The role and region decide which officers are managed on this computer.</translation>
    </message>
    <message>
        <source>PPS — desa/kelurahan</source>
        <translation>PPS — desa/kelurahan</translation>
    </message>
    <message>
        <source>PPK — kecamatan</source>
        <translation>PPK — kecamatan</translation>
    </message>
    <message>
        <source>KPU Kabupaten/Kota</source>
        <translation>KPU Kabupaten/Kota</translation>
    </message>
    <message>
        <source>mis. Siti Aminah (opsional)</source>
        <translation>e.g. Siti Aminah (optional)</translation>
    </message>
    <message>
        <source>Peran kantor</source>
        <translation>Office role</translation>
    </message>
    <message>
        <source>Wilayah kantor</source>
        <translation>Office region</translation>
    </message>
    <message>
        <source>Bunyikan suara saat memindai</source>
        <translation>Play a sound when scanning</translation>
    </message>
    <message>
        <source>mis. Ahmad Fauzi (opsional)</source>
        <translation>e.g. Ahmad Fauzi (optional)</translation>
    </message>
    <message>
        <source>mis. Sri Wahyuni (opsional)</source>
        <translation>e.g. Sri Wahyuni (optional)</translation>
    </message>
    <message>
        <source>mis. Jl. Raya Kedung No. 1 (opsional)</source>
        <translation>e.g. Jl. Raya Kedung No. 1 (optional)</translation>
    </message>
    <message>
        <source>Nama operator:</source>
        <translation>Operator name:</translation>
    </message>
    <message>
        <source>Nama pemilihan dan tahun:</source>
        <translation>Election name and year:</translation>
    </message>
    <message>
        <source>Uang transport per kegiatan:</source>
        <translation>Transport money per activity:</translation>
    </message>
    <message>
        <source>Nama ketua:</source>
        <translation>Chair&apos;s name:</translation>
    </message>
    <message>
        <source>Nama sekretaris:</source>
        <translation>Secretary&apos;s name:</translation>
    </message>
    <message>
        <source>Alamat kantor:</source>
        <translation>Office address:</translation>
    </message>
    <message>
        <source>Kode wilayah: {code}</source>
        <translation>Region code: {code}</translation>
    </message>
    <message>
        <source>(belum lengkap)</source>
        <translation>(not complete yet)</translation>
    </message>
</context>
<context>
    <name>OfficerDialog</name>
    <message>
        <source>Tambah petugas</source>
        <translation>Add officer</translation>
    </message>
    <message>
        <source>Ubah data petugas</source>
        <translation>Edit officer</translation>
    </message>
    <message>
        <source>Ganti petugas (PAW)</source>
        <translation>Replace officer (PAW)</translation>
    </message>
    <message>
        <source>16 digit</source>
        <translation>16 digits</translation>
    </message>
    <message>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>(tidak diisi)</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>Ketik nama desa…</source>
        <translation>Type the desa&apos;s name…</translation>
    </message>
    <message>
        <source>mis. Rutan, Pesantren (boleh kosong)</source>
        <translation>e.g. Rutan, Pesantren (may be empty)</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Desa/Kel.</source>
        <translation>Desa/Kel.</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Keterangan TPS</source>
        <translation>TPS note</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Riwayat presensi</source>
        <translation>Attendance history</translation>
    </message>
    <message>
        <source>bukti: {evidence}</source>
        <translation>evidence: {evidence}</translation>
    </message>
    <message>
        <source>Belum ada catatan presensi.</source>
        <translation>No attendance records yet.</translation>
    </message>
    <message>
        <source>Pengganti untuk &lt;b&gt;{nama}&lt;/b&gt; ({jabatan}, {tps}, {desa}). Petugas lama tetap tercatat dengan status Diganti.</source>
        <translation>Replacement for &lt;b&gt;{nama}&lt;/b&gt; ({jabatan}, {tps}, {desa}). The former officer stays on record with the status Replaced.</translation>
    </message>
    <message>
        <source>Pilih desa/kelurahan dari daftar.</source>
        <translation>Choose the desa/kelurahan from the list.</translation>
    </message>
    <message>
        <source>Pilih nomor TPS.</source>
        <translation>Choose the TPS number.</translation>
    </message>
    <message>
        <source>Pilih jabatan: Ketua KPPS, Anggota KPPS, atau Linmas.</source>
        <translation>Choose a position: KPPS chair, KPPS member or Linmas.</translation>
    </message>
    <message>
        <source>Tekan &quot;Simpan juga&quot; bila memang begitu.</source>
        <translation>Press &quot;Save anyway&quot; if that is right.</translation>
    </message>
    <message>
        <source>Simpan juga</source>
        <translation>Save anyway</translation>
    </message>
</context>
<context>
    <name>OfficerSearch</name>
    <message>
        <source>Cari nama, NIK, atau TPS (mis. &apos;siti&apos;, &apos;0012&apos;, &apos;tps 3&apos;)</source>
        <translation>Find a name, NIK or TPS (e.g. &apos;siti&apos;, &apos;0012&apos;, &apos;tps 3&apos;)</translation>
    </message>
    <message>
        <source>{n} petugas (menampilkan {shown} pertama)</source>
        <translation>{n} officers (showing the first {shown})</translation>
    </message>
    <message>
        <source>{n} petugas</source>
        <translation>{n} officers</translation>
    </message>
</context>
<context>
    <name>PaperDialog</name>
    <message>
        <source>Entri dari daftar hadir kertas</source>
        <translation>Entries from the paper attendance list</translation>
    </message>
    <message>
        <source>Presensi yang ditandatangani di kertas pada {title} ({date}). Jam sesuai yang tertulis di kertas; tercatat sebagai entri kertas.</source>
        <translation>Attendance signed on paper at {title} ({date}). Times as written on the paper; recorded as paper entries.</translation>
    </message>
    <message>
        <source>JJ:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>Kode kartu (K1.…), atau kosongkan dan pilih petugas di bawah</source>
        <translation>Card code (K1.…), or leave empty and choose an officer below</translation>
    </message>
    <message>
        <source>Simpan entri</source>
        <translation>Save entry</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Jam di kertas</source>
        <translation>Time on paper</translation>
    </message>
    <message>
        <source>Kode kartu</source>
        <translation>Card code</translation>
    </message>
    <message>
        <source>atau pilih petugas:</source>
        <translation>or choose an officer:</translation>
    </message>
    <message>
        <source>Isi jam yang tertulis di kertas (JJ:MM).</source>
        <translation>Fill in the time written on the paper (HH:MM).</translation>
    </message>
    <message>
        <source>Isi kode kartu atau pilih petugas.</source>
        <translation>Fill in a card code or choose an officer.</translation>
    </message>
</context>
<context>
    <name>PrintView</name>
    <message>
        <source>Kartu petugas</source>
        <translation>Officer cards</translation>
    </message>
    <message>
        <source>Cetak ulang satu kartu (kartu hilang)</source>
        <translation>Reprint one card (lost card)</translation>
    </message>
    <message>
        <source>Daftar hadir sesi</source>
        <translation>Session attendance list</translation>
    </message>
    <message>
        <source>Daftar petugas dengan kode QR</source>
        <translation>Officer list with QR codes</translation>
    </message>
    <message>
        <source>Halaman kalibrasi printer</source>
        <translation>Printer calibration page</translation>
    </message>
    <message>
        <source>Berkas cetak {name} tidak dapat dibaca.</source>
        <translation>The print file {name} cannot be read.</translation>
    </message>
    <message>
        <source>Printer tidak dapat dipakai. Periksa apakah printer menyala dan terhubung.</source>
        <translation>The printer cannot be used. Check that it is switched on and connected.</translation>
    </message>
    <message>
        <source>Mengirim halaman ke printer</source>
        <translation>Sending pages to the printer</translation>
    </message>
    <message>
        <source>Yang dicetak</source>
        <translation>What to print</translation>
    </message>
    <message>
        <source>Satu halaman dengan penggaris 100 mm dan kotak seukuran kartu. Cetak dengan skala 100% (matikan “sesuaikan dengan halaman”), lalu ukur hasilnya.</source>
        <translation>One page with a 100 mm ruler and a card-sized box. Print at 100% scale (turn off “fit to page”), then measure the result.</translation>
    </message>
    <message>
        <source>Kalibrasi</source>
        <translation>Calibration</translation>
    </message>
    <message>
        <source>Kertas</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Ukuran:</source>
        <translation>Size:</translation>
    </message>
    <message>
        <source>Tampilkan NIK lengkap</source>
        <translation>Show full NIK</translation>
    </message>
    <message>
        <source>Tanpa centang, NIK disamarkan (UU PDP). Berlaku untuk daftar hadir dan daftar petugas.</source>
        <translation>Unticked, NIKs are masked (UU PDP). Applies to attendance lists and officer lists.</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Cakupan</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>Wilayah: {name}</source>
        <translation>Region: {name}</translation>
    </message>
    <message>
        <source>Petugas terpilih</source>
        <translation>Selected officers</translation>
    </message>
    <message>
        <source>Pilih petugas di layar daftar petugas, lalu pilih cetak kartu.</source>
        <translation>Select officers on the roster screen, then choose print cards.</translation>
    </message>
    <message>
        <source>Kecamatan:</source>
        <translation>Kecamatan:</translation>
    </message>
    <message>
        <source>Desa/Kel.:</source>
        <translation>Desa/Kel.:</translation>
    </message>
    <message>
        <source>Cetak ulang satu kartu</source>
        <translation>Reprint one card</translation>
    </message>
    <message>
        <source>Cari nama, NIK, atau nomor TPS…</source>
        <translation>Find a name, NIK or TPS number…</translation>
    </message>
    <message>
        <source>Terbitkan kode baru (kode lama dicabut)</source>
        <translation>Issue a new code (the old code is revoked)</translation>
    </message>
    <message>
        <source>Untuk kartu yang hilang: kartu lama tidak dapat dipakai presensi lagi.</source>
        <translation>For a lost card: the old card can no longer be used to check in.</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Sesi</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Pilih atau cari sesi…</source>
        <translation>Choose or find a session…</translation>
    </message>
    <message>
        <source>Jam hadir dan status diisi dari catatan presensi sesi ini; sesi yang belum berjalan menghasilkan formulir kosong untuk ditandatangani.</source>
        <translation>Arrival times and statuses come from this session&apos;s check-ins; a session not yet held gives an empty form to sign.</translation>
    </message>
    <message>
        <source>Semua kecamatan</source>
        <translation>All kecamatan</translation>
    </message>
    <message>
        <source>Semua desa/kelurahan</source>
        <translation>All desa/kelurahan</translation>
    </message>
    <message>
        <source>Petugas terpilih ({n})</source>
        <translation>Selected officers ({n})</translation>
    </message>
    <message>
        <source>Pilih sesi yang daftar hadirnya akan dicetak.</source>
        <translation>Choose the session whose attendance list to print.</translation>
    </message>
    <message>
        <source>Cari lalu pilih petugas yang kartunya akan dicetak ulang.</source>
        <translation>Find and choose the officer whose card to reprint.</translation>
    </message>
    <message>
        <source>{n} petugas aktif</source>
        <translation>{n} active officers</translation>
    </message>
    <message>
        <source>Menyiapkan pratinjau…</source>
        <translation>Preparing the preview…</translation>
    </message>
    <message>
        <source>Pratinjau</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Pratinjau: halaman kalibrasi · kertas {paper}</source>
        <translation>Preview: calibration page · paper {paper}</translation>
    </message>
    <message>
        <source>Pratinjau lembar 1 dari {pages} · {count} kartu · {per_page} kartu per lembar {paper}</source>
        <translation>Preview of sheet 1 of {pages} · {count} cards · {per_page} cards per {paper} sheet</translation>
    </message>
    <message>
        <source>kode baru diterbitkan saat disimpan/dicetak</source>
        <translation>a new code is issued when saved/printed</translation>
    </message>
    <message>
        <source>Pratinjau: {pages} halaman {paper} · {count} petugas</source>
        <translation>Preview: {pages} {paper} pages · {count} officers</translation>
    </message>
    <message>
        <source>Gagal.</source>
        <translation>Failed.</translation>
    </message>
    <message>
        <source>Kode lama dicabut; kartu lama tidak berlaku lagi.</source>
        <translation>The old code is revoked; the old card is no longer valid.</translation>
    </message>
    <message>
        <source>Menyimpan PDF…</source>
        <translation>Saving PDF…</translation>
    </message>
    <message>
        <source>halaman kalibrasi</source>
        <translation>calibration page</translation>
    </message>
    <message>
        <source>{n} kartu</source>
        <translation>{n} cards</translation>
    </message>
    <message>
        <source>{n} petugas</source>
        <translation>{n} officers</translation>
    </message>
    <message>
        <source>Tersimpan: {path} ({what}).</source>
        <translation>Saved: {path} ({what}).</translation>
    </message>
    <message>
        <source>Dibatalkan; tidak ada berkas yang disimpan.</source>
        <translation>Canceled; no file was saved.</translation>
    </message>
    <message>
        <source>Mencetak…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Dikirim ke printer: {n} halaman.</source>
        <translation>Sent to the printer: {n} pages.</translation>
    </message>
    <message>
        <source>Pencetakan dibatalkan.</source>
        <translation>Printing canceled.</translation>
    </message>
    <message>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>Dokumen PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Alasan (wajib), mis. salah orang</source>
        <translation>Reason (required), e.g. wrong person</translation>
    </message>
    <message>
        <source>Batalkan presensi</source>
        <translation>Cancel check-in</translation>
    </message>
    <message>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>ReasonPicker</name>
    <message>
        <source>Tulis alasannya</source>
        <translation>Write the reason</translation>
    </message>
</context>
<context>
    <name>RecapAbsent</name>
    <message>
        <source>Wilayah / Nama</source>
        <translation>Region / Name</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sesi</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>{count} catatan tidak hadir, izin, sakit atau belum tercatat, dari {people} petugas</source>
        <translation>{count} records of absent, excused, sick or not yet recorded, from {people} officers</translation>
    </message>
    <message>
        <source>{count} ({people} orang)</source>
        <translation>{count} ({people} people)</translation>
    </message>
</context>
<context>
    <name>RecapModel</name>
    <message>
        <source>Hadir tepat waktu saja; yang terlambat ada di kolom Terlambat.</source>
        <translation>Present on time only; the late ones are in the Late column.</translation>
    </message>
    <message>
        <source>Tepat waktu + terlambat + hadir daring.</source>
        <translation>On time + late + present online.</translation>
    </message>
    <message>
        <source>Diharapkan di sesi yang masih terbuka, belum ada catatan.</source>
        <translation>Expected at a session still open, nothing recorded yet.</translation>
    </message>
    <message>
        <source>Hadir (total) dibagi Diharapkan, hanya sesi yang sudah dilaksanakan; desa yang belum mengirim tidak dihitung.</source>
        <translation>Present (total) divided by Expected, sessions held only; villages that have not sent their data are not counted.</translation>
    </message>
    <message>
        <source>Desa yang belum mengirim, sesi belum dilaksanakan atau belum ditutup: semuanya di luar persentase.</source>
        <translation>Villages that have not sent their data, sessions not held or not closed: all of them outside the percentage.</translation>
    </message>
    <message>
        <source>Diharapkan: jumlah pasangan sesi–petugas, bukan jumlah orang. Satu petugas yang diharapkan di tiga sesi dihitung tiga kali. Petugas yang sudah diganti (PAW) tidak diharapkan.</source>
        <translation>Expected: the number of session–officer pairs, not of people. An officer expected at three sessions counts three times. Replaced officers (PAW) are not expected.</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{reported} dari {total} desa melapor</source>
        <translation>{reported} of {total} villages reported</translation>
    </message>
</context>
<context>
    <name>RecapView</name>
    <message>
        <source>Per kecamatan</source>
        <translation>By kecamatan</translation>
    </message>
    <message>
        <source>Per desa/kelurahan</source>
        <translation>By desa/kelurahan</translation>
    </message>
    <message>
        <source>Per TPS</source>
        <translation>Per TPS</translation>
    </message>
    <message>
        <source>Semua sesi</source>
        <translation>All sessions</translation>
    </message>
    <message>
        <source>◀ Naik</source>
        <translation>◀ Up</translation>
    </message>
    <message>
        <source>Ekspor XLSX</source>
        <translation>Export XLSX</translation>
    </message>
    <message>
        <source>Ekspor CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>Ekspor PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>Ekspor Grafik PNG</source>
        <translation>Export chart PNG</translation>
    </message>
    <message>
        <source>Klik dua kali untuk melihat rincian di bawahnya.</source>
        <translation>Double-click to see the details below it.</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Desa/Kel.</source>
        <translation>Desa/Kel.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sesi</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Semua jenis</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>Hitung hanya sesi jenis ini, di semua desa (mis. persentase bimtek per kecamatan).</source>
        <translation>Count only sessions of this kind, in every village (e.g. the training rate per kecamatan).</translation>
    </message>
    <message>
        <source>Jumlah orang</source>
        <translation>Head count</translation>
    </message>
    <message>
        <source>Tambah kolom jumlah orang: ikut semua sesi wajib (pelantikan dan bimtek), absen sebagian, absen semua.</source>
        <translation>Add head-count columns: attended every required session (induction and training), missed some, missed all.</translation>
    </message>
    <message>
        <source>10 terendah</source>
        <translation>10 lowest</translation>
    </message>
    <message>
        <source>Tampilkan hanya 10 baris dengan persentase terendah.</source>
        <translation>Show only the 10 rows with the lowest percentage.</translation>
    </message>
    <message>
        <source>Buat sesi susulan</source>
        <translation>Create a make-up session</translation>
    </message>
    <message>
        <source>Sesi susulan untuk petugas yang dicentang di daftar ini.</source>
        <translation>A make-up session for the officers ticked in this list.</translation>
    </message>
    <message>
        <source>Tanda</source>
        <translation>Flag</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Perangkat</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Grafik</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>Tidak hadir</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Anomali</source>
        <translation>Anomalies</translation>
    </message>
    <message>
        <source>Serah terima</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>Rekap</source>
        <translation>Recap</translation>
    </message>
    <message>
        <source>Persentase kehadiran per {level}</source>
        <translation>Attendance rate by {level}</translation>
    </message>
    <message>
        <source>Tidak hadir, izin, sakit, belum ({n})</source>
        <translation>Absent, excused, sick, not yet ({n})</translation>
    </message>
    <message>
        <source>Belum tercatat</source>
        <translation>Not recorded yet</translation>
    </message>
    <message>
        <source>TPS {n:03d}</source>
        <translation>TPS {n:03d}</translation>
    </message>
    <message>
        <source>{n} presensi</source>
        <translation>{n} check-ins</translation>
    </message>
    <message>
        <source>{name} · {session} · {method} · perangkat {device}</source>
        <translation>{name} · {session} · {method} · device {device}</translation>
    </message>
    <message>
        <source>Anomali ({n})</source>
        <translation>Anomalies ({n})</translation>
    </message>
    <message>
        <source>Serah terima ({n} belum)</source>
        <translation>Handover ({n} not sent)</translation>
    </message>
    <message>
        <source>{reported} dari {total} desa melapor</source>
        <translation>{reported} of {total} villages reported</translation>
    </message>
    <message>
        <source>hadir {present} dari {held} diharapkan ({rate})</source>
        <translation>present {present} of {held} expected ({rate})</translation>
    </message>
    <message>
        <source>{n} sesi belum dilaksanakan</source>
        <translation>{n} sessions not held yet</translation>
    </message>
    <message>
        <source>{n} sesi belum ditutup</source>
        <translation>{n} sessions not closed yet</translation>
    </message>
    <message>
        <source>Sesi susulan</source>
        <translation>Make-up session</translation>
    </message>
    <message>
        <source>Susulan {title}</source>
        <translation>Make-up {title}</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>Simpan rekap</source>
        <translation>Save the recap</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Pengirim</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Duplikat dilewati</source>
        <translation>Duplicates skipped</translation>
    </message>
    <message>
        <source>Konflik</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Kode berita acara</source>
        <translation>Receipt code</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Pilih berkas…</source>
        <translation>Choose files…</translation>
    </message>
    <message>
        <source>Ambil dari flashdisk</source>
        <translation>Take from USB stick</translation>
    </message>
    <message>
        <source>Semua berkas .kpps di flashdisk yang terdeteksi</source>
        <translation>Every .kpps file on the USB sticks found</translation>
    </message>
    <message>
        <source>Kosongkan daftar</source>
        <translation>Clear the list</translation>
    </message>
    <message>
        <source>Gabungkan</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Pilih berkas .kpps dari flashdisk. Berkas diperiksa dulu (pratinjau); tidak ada yang disimpan sebelum Anda menekan Gabungkan.</source>
        <translation>Choose .kpps files from a USB stick. They are checked first (preview); nothing is saved until you press Merge.</translation>
    </message>
    <message>
        <source>{done} dari {total} desa/kelurahan sudah mengirim.</source>
        <translation>{done} of {total} desa/kelurahan have sent.</translation>
    </message>
    <message>
        <source>, dan {n} lainnya</source>
        <translation>, and {n} more</translation>
    </message>
    <message>
        <source>Belum: {names}.</source>
        <translation>Not yet: {names}.</translation>
    </message>
    <message>
        <source>Pilih berkas serah terima</source>
        <translation>Choose handover files</translation>
    </message>
    <message>
        <source>Berkas serah terima (*.kpps)</source>
        <translation>Handover files (*.kpps)</translation>
    </message>
    <message>
        <source>Tidak ada berkas .kpps di flashdisk yang terdeteksi.</source>
        <translation>No .kpps files on the USB sticks found.</translation>
    </message>
    <message>
        <source>Memeriksa berkas…</source>
        <translation>Checking files…</translation>
    </message>
    <message>
        <source>{n} berkas siap digabungkan, {bad} ditolak, {old} sudah pernah diimpor.</source>
        <translation>{n} files ready to merge, {bad} refused, {old} already imported.</translation>
    </message>
    <message>
        <source>{n} berkas dari perangkat baru menunggu: bandingkan kode verifikasi yang tampil besar dengan kode di berita acara serah terima yang diserahkan bersama berkas, lalu centang &quot;Cocok dengan berita acara?&quot;.</source>
        <translation>{n} files from new devices are waiting: compare the verification code shown large with the code on the handover receipt that came with the file, then tick &quot;Matches the handover receipt?&quot;.</translation>
    </message>
    <message>
        <source>Sudah pernah diimpor: {names}.</source>
        <translation>Already imported: {names}.</translation>
    </message>
    <message>
        <source>Sudah ada di daftar: {names}.</source>
        <translation>Already in the list: {names}.</translation>
    </message>
    <message>
        <source>(wilayah {name})</source>
        <translation>(region {name})</translation>
    </message>
    <message>
        <source>Cocok dengan berita acara?</source>
        <translation>Matches the handover receipt?</translation>
    </message>
    <message>
        <source>Perangkat baru. Centang bila kode ini sama dengan kode verifikasi di berita acara serah terima yang diserahkan bersama berkas.</source>
        <translation>New device. Tick when this code is the same as the verification code on the handover receipt that came with the file.</translation>
    </message>
    <message>
        <source>dikenal</source>
        <translation>known</translation>
    </message>
    <message>
        <source>{what}: {n} baru</source>
        <translation>{what}: {n} new</translation>
    </message>
    <message>
        <source>DITOLAK: {reason}</source>
        <translation>REFUSED: {reason}</translation>
    </message>
    <message>
        <source>Sudah pernah diimpor; tidak ada yang berubah.</source>
        <translation>Already imported; nothing changed.</translation>
    </message>
    <message>
        <source>Digabungkan.</source>
        <translation>Merged.</translation>
    </message>
    <message>
        <source>Meja presensi {label}, disiapkan dari berkas meja kantor ini.</source>
        <translation>Check-in desk {label}, set up from this office&apos;s desk kit.</translation>
    </message>
    <message>
        <source>Perangkat baru {device}, kode verifikasi {fp}: cocokkan dengan berita acara.</source>
        <translation>New device {device}, verification code {fp}: compare with the handover receipt.</translation>
    </message>
    <message>
        <source>Terenkripsi untuk kantor ini.</source>
        <translation>Encrypted for this office.</translation>
    </message>
    <message>
        <source>Tidak terenkripsi.</source>
        <translation>Not encrypted.</translation>
    </message>
    <message>
        <source>Gabungkan ({n} berkas)</source>
        <translation>Merge ({n} files)</translation>
    </message>
    <message>
        <source>Atur dulu peran dan wilayah instalasi ini.</source>
        <translation>Set this installation&apos;s role and region first.</translation>
    </message>
    <message>
        <source>Gabungkan {n} berkas ke database ini; tiap berkas utuh atau tidak sama sekali.</source>
        <translation>Merge {n} files into this database; each file whole or not at all.</translation>
    </message>
    <message>
        <source>{n} berkas dari perangkat baru: centang &quot;Cocok dengan berita acara?&quot; setelah kode verifikasinya dicocokkan dengan berita acara.</source>
        <translation>{n} files from new devices: tick &quot;Matches the handover receipt?&quot; once their verification code has been compared with the receipt.</translation>
    </message>
    <message>
        <source>Tidak ada berkas baru untuk digabungkan.</source>
        <translation>No new files to merge.</translation>
    </message>
    <message>
        <source>Belum ada berkas: pilih berkas atau ambil dari flashdisk.</source>
        <translation>No files yet: choose files or take them from the USB stick.</translation>
    </message>
    <message>
        <source>PERINGATAN: {files} mengaku dari perangkat yang sudah dikenal, tetapi kunci, peran, atau wilayahnya lain. Bisa jadi berkas palsu, atau laptop pengirim dipasang ulang. Berkas DITOLAK; hubungi pengirim dan minta berkas beserta berita acara yang baru.</source>
        <translation>WARNING: {files} claims to come from a known device, but with another key, role or region. It may be a forged file, or the sender&apos;s laptop was reinstalled. The file is REFUSED; contact the sender and ask for a new file with its handover receipt.</translation>
    </message>
    <message>
        <source>Digabungkan: {summary}</source>
        <translation>Merged: {summary}</translation>
    </message>
    <message>
        <source>{ok} berkas digabungkan, {bad} ditolak.</source>
        <translation>{ok} files merged, {bad} refused.</translation>
    </message>
    <message>
        <source>Menggabungkan berkas…</source>
        <translation>Merging files…</translation>
    </message>
</context>
<context>
    <name>ReportModel</name>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Nilai di berkas</source>
        <translation>Value in the file</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Masalah</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Peringatan</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Klik dua kali (atau F2) untuk memperbaiki isi sel ini, lalu Enter.</source>
        <translation>Double-click (or F2) to correct this cell, then Enter.</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Hapus data pribadi petugas</source>
        <translation>Delete officers&apos; personal data</translation>
    </message>
    <message>
        <source>Tindakan ini TIDAK DAPAT DIBATALKAN. Lakukan hanya setelah masa tugas badan ad hoc berakhir, serah terima data dan SPJ uang transport selesai. Cadangan di folder backups ikut dihapus; salinan di flashdisk atau komputer lain harus dihapus sendiri.</source>
        <translation>This CANNOT BE UNDONE. Do it only after the ad hoc bodies&apos; term has ended and the data handover and the transport money accounts (SPJ) are complete. Backups in the backups folder are deleted too; copies on USB sticks or other computers must be deleted by hand.</translation>
    </message>
    <message>
        <source>Akan dihapus</source>
        <translation>Will be deleted</translation>
    </message>
    <message>
        <source>Menghitung…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>Tetap disimpan (rekap tidak berubah)</source>
        <translation>Kept (the recap does not change)</translation>
    </message>
    <message>
        <source>Hapus data pribadi</source>
        <translation>Delete personal data</translation>
    </message>
    <message>
        <source>Ketik kode wilayah {kode} ({nama}) untuk mengonfirmasi:</source>
        <translation>Type the region code {kode} ({nama}) to confirm:</translation>
    </message>
    <message>
        <source>Data pribadi sudah pernah dihapus ({at}); penghapusan dapat diulang.</source>
        <translation>Personal data was already deleted ({at}); the deletion can be repeated.</translation>
    </message>
    <message>
        <source>Menghapus…</source>
        <translation>Deleting…</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Dibatalkan; tidak ada yang dihapus.</source>
        <translation>Canceled; nothing was deleted.</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>JK</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Desa/Kel.</source>
        <translation>Desa/Kel.</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Diganti (PAW)</source>
        <translation>Replaced (PAW)</translation>
    </message>
    <message>
        <source>Diganti (PAW) oleh {nama}</source>
        <translation>Replaced (PAW) by {nama}</translation>
    </message>
</context>
<context>
    <name>RosterView</name>
    <message>
        <source>Cari nama, NIK, atau TPS (mis. &apos;tps 3&apos;)…</source>
        <translation>Find a name, NIK or TPS (e.g. &apos;tps 3&apos;)…</translation>
    </message>
    <message>
        <source>Semua kecamatan</source>
        <translation>All kecamatan</translation>
    </message>
    <message>
        <source>Semua desa/kel.</source>
        <translation>All desa/kel.</translation>
    </message>
    <message>
        <source>Semua TPS</source>
        <translation>All TPS</translation>
    </message>
    <message>
        <source>Semua jabatan</source>
        <translation>All positions</translation>
    </message>
    <message>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Tampilkan NIK</source>
        <translation>Show NIK</translation>
    </message>
    <message>
        <source>NIK adalah data pribadi (UU PDP); tampilkan hanya bila perlu.</source>
        <translation>The NIK is personal data (UU PDP); show it only when needed.</translation>
    </message>
    <message>
        <source>NIK adalah data pribadi yang dilindungi UU PDP. Tampilkan NIK lengkap {n} petugas di layar?

Permintaan ini dicatat di log audit atas nama operator.</source>
        <translation>The NIK is personal data protected by UU PDP. Show the full NIK of {n} officers on screen?

This request is recorded in the audit log under the operator&apos;s name.</translation>
    </message>
    <message>
        <source>Log audit tidak tersedia; NIK tetap disamarkan.</source>
        <translation>The audit log is not available; NIKs stay masked.</translation>
    </message>
</context>
<context>
    <name>ScanLogDialog</name>
    <message>
        <source>Pindaian belum selesai: {title}</source>
        <translation>Unresolved scans: {title}</translation>
    </message>
    <message>
        <source>Pindaian yang ditolak disimpan di sini. Pilih satu, lalu catat hadir untuk petugas yang benar (presensi manual, jam pindaian), atau abaikan bila salah baca kamera atau bukan petugas.</source>
        <translation>Refused scans are kept here. Choose one, then record the right officer as present (a manual check-in at the time of the scan), or dismiss it if the camera misread or it was not an officer.</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Terbaca</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Alasan ditolak</source>
        <translation>Why refused</translation>
    </message>
    <message>
        <source>Pemilik kartu</source>
        <translation>Card owner</translation>
    </message>
    <message>
        <source>Cara</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Tidak ada pindaian yang perlu diselesaikan.</source>
        <translation>No scans need resolving.</translation>
    </message>
    <message>
        <source>Alasan (wajib), mis. kartu tertukar, salah baca kamera</source>
        <translation>Reason (required), e.g. cards swapped, camera misread</translation>
    </message>
    <message>
        <source>Catat dengan jam pindaian (bukan jam sekarang)</source>
        <translation>Record with the time of the scan (not the time now)</translation>
    </message>
    <message>
        <source>Catat hadir</source>
        <translation>Record present</translation>
    </message>
    <message>
        <source>Abaikan</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Catat hadir untuk petugas:</source>
        <translation>Record as present for officer:</translation>
    </message>
    <message>
        <source>Desa {name}</source>
        <translation>Desa {name}</translation>
    </message>
    <message>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Pilih satu pindaian di tabel.</source>
        <translation>Choose one scan in the table.</translation>
    </message>
    <message>
        <source>Pilih petugas dari daftar.</source>
        <translation>Choose an officer from the list.</translation>
    </message>
    <message>
        <source>Alasan wajib diisi.</source>
        <translation>A reason is required.</translation>
    </message>
    <message>
        <source>{n} pindaian diabaikan.</source>
        <translation>{n} scans dismissed.</translation>
    </message>
</context>
<context>
    <name>SearchCombo</name>
    <message>
        <source>Pilih salah satu dari daftar (ketik lebih lengkap, atau panah bawah).</source>
        <translation>Choose one from the list (type more, or press the down arrow).</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <source>1. Tujuan: flashdisk atau folder</source>
        <translation>1. Destination: USB stick or folder</translation>
    </message>
    <message>
        <source>Segarkan daftar</source>
        <translation>Refresh list</translation>
    </message>
    <message>
        <source>Pilih folder lain…</source>
        <translation>Choose another folder…</translation>
    </message>
    <message>
        <source>Tidak ada flashdisk terdeteksi. Colokkan flashdisk, tunggu sebentar, atau pilih folder lain.</source>
        <translation>No USB stick found. Plug one in and wait a moment, or choose another folder.</translation>
    </message>
    <message>
        <source>2. Isi berkas</source>
        <translation>2. File contents</translation>
    </message>
    <message>
        <source>Berkas penyiapan untuk kantor wilayah ini</source>
        <translation>Setup file for the office of this region</translation>
    </message>
    <message>
        <source>Untuk kantor di bawah yang baru memasang aplikasi: peran, wilayah, daftar petugas, pengaturan, dan kunci kantor ini. Dibuka di sana dengan &quot;Buka berkas dari PPK/KPU&quot;.</source>
        <translation>For an office below that has just installed the app: role, region, officer roster, settings and this office&apos;s keys. Opened there with &quot;Open a file from the PPK/KPU&quot;.</translation>
    </message>
    <message>
        <source>Wilayah:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>Enkripsi:</source>
        <translation>Encryption:</translation>
    </message>
    <message>
        <source>Nama berkas:</source>
        <translation>File name:</translation>
    </message>
    <message>
        <source>Kirim ke tujuan</source>
        <translation>Send to destination</translation>
    </message>
    <message>
        <source>3. Berita acara serah terima</source>
        <translation>3. Handover report</translation>
    </message>
    <message>
        <source>Kode verifikasi:</source>
        <translation>Verification code:</translation>
    </message>
    <message>
        <source>Berita acara muncul di sini setelah berkas ditulis dan diperiksa.</source>
        <translation>The handover report appears here once the file is written and verified.</translation>
    </message>
    <message>
        <source>Cetak berita acara…</source>
        <translation>Print the report…</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Ctrl++ / Ctrl+− memperbesar / memperkecil, Ctrl+0 selebar panel</source>
        <translation>Ctrl++ / Ctrl+− zoom in / out, Ctrl+0 fit to width</translation>
    </message>
    <message>
        <source>Atur dulu peran dan wilayah instalasi ini.</source>
        <translation>Set this installation&apos;s role and region first.</translation>
    </message>
    <message>
        <source>{nama} (seluruh wilayah instalasi)</source>
        <translation>{nama} (the installation&apos;s whole region)</translation>
    </message>
    <message>
        <source>Enkripsi untuk {office} (sidik jari {fp})</source>
        <translation>Encrypt for {office} (fingerprint {fp})</translation>
    </message>
    <message>
        <source>Tanpa enkripsi</source>
        <translation>No encryption</translation>
    </message>
    <message>
        <source>Berkas dienkripsi: hanya {office} yang dapat membukanya. Flashdisk yang hilang tidak membocorkan data.</source>
        <translation>The file is encrypted: only {office} can open it. A lost USB stick leaks nothing.</translation>
    </message>
    <message>
        <source>Berkas untuk wilayah di bawah (daftar petugas ke desa) dikirim tanpa enkripsi; berkas ini juga membawa kunci kantor ini untuk berkas balasannya.</source>
        <translation>Files for the regions below (rosters sent down to the desa) are not encrypted; this file also carries this office&apos;s key for the reply.</translation>
    </message>
    <message>
        <source>Kunci enkripsi kantor di atas belum diketahui: kunci itu datang bersama berkas penyiapan dari PPK/KPU, atau lewat kode berita acara.</source>
        <translation>The encryption key of the office above is not known yet: it comes with the setup file from the PPK/KPU, or through a handover receipt code.</translation>
    </message>
    <message>
        <source>Berkas ini TIDAK terenkripsi: siapa pun yang menemukan flashdisk dapat membaca data pribadi di dalamnya (nama, NIK, alamat).</source>
        <translation>This file is NOT encrypted: anyone who finds the USB stick can read the personal data in it (names, NIKs, addresses).</translation>
    </message>
    <message>
        <source>Folder: {path}</source>
        <translation>Folder: {path}</translation>
    </message>
    <message>
        <source>Pilih folder tujuan</source>
        <translation>Choose the destination folder</translation>
    </message>
    <message>
        <source>Berkas akan ditulis ke: {path}</source>
        <translation>The file will be written to: {path}</translation>
    </message>
    <message>
        <source>Pilih flashdisk atau folder tujuan.</source>
        <translation>Choose a USB stick or destination folder.</translation>
    </message>
    <message>
        <source>Nama berkas tidak boleh memuat garis miring.</source>
        <translation>The file name cannot contain a slash.</translation>
    </message>
    <message>
        <source>Tujuan {path} tidak ada lagi (flashdisk dicabut?). Colokkan lagi atau pilih tujuan lain.</source>
        <translation>The destination {path} is gone (USB stick unplugged?). Plug it in again or choose another destination.</translation>
    </message>
    <message>
        <source>Menulis berkas penyiapan…</source>
        <translation>Writing the setup file…</translation>
    </message>
    <message>
        <source>Menulis berkas serah terima…</source>
        <translation>Writing the handover file…</translation>
    </message>
    <message>
        <source>Berkas {name} ditulis dan diperiksa, tetapi TIDAK terenkripsi. Simpan flashdisk baik-baik dan hapus berkasnya setelah diterima.</source>
        <translation>File {name} written and verified, but NOT encrypted. Keep the USB stick safe and delete the file once it has been received.</translation>
    </message>
    <message>
        <source>Berkas {name} ditulis, dibaca ulang, dan diperiksa. Terenkripsi untuk {office}.</source>
        <translation>File {name} written, read back and verified. Encrypted for {office}.</translation>
    </message>
    <message>
        <source>Menyiapkan berita acara…</source>
        <translation>Preparing the handover report…</translation>
    </message>
    <message>
        <source>PDF berita acara tidak terbaca.</source>
        <translation>The handover report&apos;s PDF cannot be read.</translation>
    </message>
    <message>
        <source>Berita acara tidak dapat ditampilkan: {reason}

Berkas {name} sudah ditulis dan diperiksa; kode verifikasinya ada di atas. Coba &quot;Simpan PDF…&quot; atau &quot;Cetak berita acara…&quot;.</source>
        <translation>The handover report cannot be shown: {reason}

The file {name} is written and verified; its verification code is shown above. Try &quot;Save PDF…&quot; or &quot;Print the report…&quot;.</translation>
    </message>
    <message>
        <source>Berita acara ada setelah berkas dikirim dan diperiksa.</source>
        <translation>The receipt exists once a file has been sent and checked.</translation>
    </message>
    <message>
        <source>Menyimpan PDF…</source>
        <translation>Saving PDF…</translation>
    </message>
    <message>
        <source>Simpan berita acara</source>
        <translation>Save the handover report</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Cetak berita acara</source>
        <translation>Print the handover report</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>[DITUTUP]</source>
        <translation>[CLOSED]</translation>
    </message>
    <message>
        <source>Sesi pelantikan dan bimtek</source>
        <translation>Induction and training sessions</translation>
    </message>
    <message>
        <source>Sesi baru</source>
        <translation>New session</translation>
    </message>
    <message>
        <source>Tutup sesi…</source>
        <translation>Close session…</translation>
    </message>
    <message>
        <source>mis. Bimbingan Teknis KPPS Desa Kedungmalang</source>
        <translation>e.g. Bimbingan Teknis KPPS Desa Kedungmalang</translation>
    </message>
    <message>
        <source>mis. Balai Desa Kedungmalang</source>
        <translation>e.g. Balai Desa Kedungmalang</translation>
    </message>
    <message>
        <source>Cari desa…</source>
        <translation>Search villages…</translation>
    </message>
    <message>
        <source>Pisahkan dengan titik koma: Ketua PPS; Anggota PPK</source>
        <translation>Separate with semicolons: Ketua PPS; Anggota PPK</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>sampai</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Tempat</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>Peserta</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Fasilitator</source>
        <translation>Facilitators</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Mulai presensi</source>
        <translation>Start check-in</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Seluruh {level} {name}</source>
        <translation>All of {level} {name}</translation>
    </message>
    <message>
        <source>Beberapa desa (pilih di bawah)</source>
        <translation>Several villages (choose below)</translation>
    </message>
    <message>
        <source>Kec. {name}</source>
        <translation>Kec. {name}</translation>
    </message>
    <message>
        <source>Desa {name}</source>
        <translation>Desa {name}</translation>
    </message>
    <message>
        <source>{n} desa dipilih</source>
        <translation>{n} villages chosen</translation>
    </message>
    <message>
        <source>Ubah sesi — ditutup {time}</source>
        <translation>Edit session — closed {time}</translation>
    </message>
    <message>
        <source>Ubah sesi</source>
        <translation>Edit session</translation>
    </message>
    <message>
        <source>Pilih peserta sesi dari daftar.</source>
        <translation>Choose the session&apos;s participants from the list.</translation>
    </message>
    <message>
        <source>Centang desa yang diundang ke sesi ini.</source>
        <translation>Tick the villages invited to this session.</translation>
    </message>
    <message>
        <source>Tutup sesi</source>
        <translation>Close session</translation>
    </message>
    <message>
        <source>Tutup sesi “{title}” ({date})?

{missing} petugas yang belum tercatat akan ditandai TIDAK HADIR. Sesudah ditutup, pemindaian ditolak; entri dari daftar hadir kertas dan izin yang datang terlambat masih dapat dicatat.</source>
        <translation>Close the session “{title}” ({date})?

{missing} officers not yet recorded will be marked ABSENT. Once closed, scans are refused; entries from the paper attendance list and late excuses can still be recorded.</translation>
    </message>
    <message>
        <source>Tutup, tandai {missing} tidak hadir</source>
        <translation>Close, mark {missing} absent</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Sesi ditutup: {marked} petugas ditandai tidak hadir.</source>
        <translation>Session closed: {marked} officers marked absent.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Umum</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Formulir</source>
        <translation>Forms</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>Presensi</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>Kamera/Suara</source>
        <translation>Camera/Sound</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>mis. Siti Aminah</source>
        <translation>e.g. Siti Aminah</translation>
    </message>
    <message>
        <source>Bahasa baru dipakai saat aplikasi dibuka lagi.</source>
        <translation>The new language is used when the app is opened again.</translation>
    </message>
    <message>
        <source>Hadir daring juga dibayar</source>
        <translation>Online attendance is paid too</translation>
    </message>
    <message>
        <source>Hadir terlambat juga dibayar</source>
        <translation>Late attendance is paid too</translation>
    </message>
    <message>
        <source>Besar per kegiatan:</source>
        <translation>Amount per activity:</translation>
    </message>
    <message>
        <source>Jenis sesi yang dibayar:</source>
        <translation>Session kinds that are paid:</translation>
    </message>
    <message>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source> detik</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Bunyikan suara saat memindai</source>
        <translation>Play a sound when scanning</translation>
    </message>
    <message>
        <source>Kamera bawaan sistem</source>
        <translation>The system&apos;s default camera</translation>
    </message>
    <message>
        <source>{id} (tidak terhubung)</source>
        <translation>{id} (not connected)</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Selamat datang di Presensi KPPS</source>
        <translation>Welcome to Presensi KPPS</translation>
    </message>
    <message>
        <source>Database ini masih kosong. Bagaimana Anda ingin memulai?</source>
        <translation>This database is still empty. How would you like to start?</translation>
    </message>
    <message>
        <source>Presensi KPPS mencatat kehadiran petugas KPPS pada pelantikan dan bimbingan teknis, sepenuhnya tanpa internet.</source>
        <translation>Presensi KPPS records the attendance of KPPS officers at inductions and technical training, entirely without internet.</translation>
    </message>
    <message>
        <source>Atur untuk kantor saya</source>
        <translation>Set up for my office</translation>
    </message>
    <message>
        <source>Pilih peran kantor (PPS, PPK, atau KPU Kabupaten/Kota) dan wilayahnya, lalu impor daftar petugas.</source>
        <translation>Choose the office&apos;s role (PPS, PPK or KPU Kabupaten/Kota) and its region, then import the officer roster.</translation>
    </message>
    <message>
        <source>Buka berkas dari PPK/KPU</source>
        <translation>Open a file from the PPK/KPU</translation>
    </message>
    <message>
        <source>Berkas penyiapan yang diserahkan kantor di atas: peran, wilayah, daftar petugas, pengaturan, dan kunci kantor di atas, sehingga berkas pertama ke PPK langsung terenkripsi.</source>
        <translation>The setup file handed over by the office above: role, region, officer roster, settings and the keys of the offices above, so the first file to the PPK is encrypted right away.</translation>
    </message>
    <message>
        <source>Berkas .kpps dari PPK/KPU</source>
        <translation>.kpps file from the PPK/KPU</translation>
    </message>
    <message>
        <source>Pilih berkas…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Mulai dengan data contoh (demo Kabupaten Jepara)</source>
        <translation>Start with sample data (Kabupaten Jepara demo)</translation>
    </message>
    <message>
        <source>Untuk mencoba aplikasi atau pelatihan: petugas dengan nama dan NIK fiktif di seluruh Kabupaten Jepara. Jangan dipakai untuk data sungguhan.</source>
        <translation>To try the app or for training: officers with made-up names and NIKs across Kabupaten Jepara. Do not use it for real data.</translation>
    </message>
    <message>
        <source>Berkas penyiapan dari PPK/KPU</source>
        <translation>Setup file from the PPK/KPU</translation>
    </message>
    <message>
        <source>Berkas serah terima (*.kpps)</source>
        <translation>Handover files (*.kpps)</translation>
    </message>
    <message>
        <source>Berkas tidak dapat dipakai: {reason}</source>
        <translation>The file cannot be used: {reason}</translation>
    </message>
    <message>
        <source>Berkas meja presensi &apos;{label}&apos; dari {issuer}, kode verifikasi {code}: laptop ini menjadi meja presensi kantor itu untuk {n} sesi. Cocokkan kode dengan kertas yang diserahkan bersama berkas.</source>
        <translation>Check-in desk file &apos;{label}&apos; from {issuer}, verification code {code}: this laptop becomes a check-in desk of that office for {n} sessions. Compare the code with the paper handed over with the file.</translation>
    </message>
    <message>
        <source>Dari {issuer}, kode verifikasi {code}, untuk {role} {kode} {name}. Cocokkan kode dengan kertas yang diserahkan bersama berkas.</source>
        <translation>From {issuer}, verification code {code}, for {role} {kode} {name}. Compare the code with the paper handed over with the file.</translation>
    </message>
</context>
<context>
    <name>WilayahPicker</name>
    <message>
        <source>Provinsi:</source>
        <translation>Provinsi:</translation>
    </message>
    <message>
        <source>Kabupaten/Kota:</source>
        <translation>Kabupaten/Kota:</translation>
    </message>
    <message>
        <source>Kecamatan:</source>
        <translation>Kecamatan:</translation>
    </message>
    <message>
        <source>Desa/Kelurahan:</source>
        <translation>Desa/Kelurahan:</translation>
    </message>
    <message>
        <source>Ketik untuk mencari…</source>
        <translation>Type to search…</translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>Qt 6 dan PySide6 (Qt for Python)</source>
        <translation>Qt 6 and PySide6 (Qt for Python)</translation>
    </message>
    <message>
        <source>Pustaka Qt disertakan sebagai berkas terpisah di folder aplikasi dan boleh diganti dengan versi lain yang kompatibel. Kode sumber: https://code.qt.io dan https://download.qt.io.</source>
        <translation>The Qt libraries ship as separate files in the app&apos;s folder and may be replaced with another compatible version. Source code: https://code.qt.io and https://download.qt.io.</translation>
    </message>
    <message>
        <source>FFmpeg (dipakai Qt Multimedia untuk kamera)</source>
        <translation>FFmpeg (used by Qt Multimedia for the camera)</translation>
    </message>
    <message>
        <source>GNU LGPL v2.1 atau lebih baru</source>
        <translation>GNU LGPL v2.1 or later</translation>
    </message>
    <message>
        <source>Kode sumber: https://ffmpeg.org.</source>
        <translation>Source code: https://ffmpeg.org.</translation>
    </message>
    <message>
        <source>zxing-cpp (pembuat dan pembaca kode QR)</source>
        <translation>zxing-cpp (QR code writer and reader)</translation>
    </message>
    <message>
        <source>Domain publik</source>
        <translation>Public domain</translation>
    </message>
    <message>
        <source>(berkas lisensi tidak ditemukan)</source>
        <translation>(licence file not found)</translation>
    </message>
    <message>
        <source>Daftar wilayah (kode Kemendagri)</source>
        <translation>Region list (Kemendagri codes)</translation>
    </message>
    <message>
        <source>Fon DejaVu</source>
        <translation>DejaVu fonts</translation>
    </message>
    <message>
        <source>Komponen lain</source>
        <translation>Other components</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Peringatan: log audit tidak utuh.</source>
        <translation>Warning: the audit log is not intact.</translation>
    </message>
    <message>
        <source>Ada catatan yang diubah atau dihapus di luar aplikasi. Simpan database ini apa adanya sebagai bukti dan laporkan kepada atasan (periksa lagi: kpps audit verify).</source>
        <translation>Entries were changed or deleted outside the app. Keep this database as it is as evidence and report it to your superior (check again: kpps audit verify).</translation>
    </message>
    <message>
        <source>Membuat data demo Kabupaten Jepara…</source>
        <translation>Creating the Kabupaten Jepara demo data…</translation>
    </message>
    <message>
        <source>Data demo gagal dibuat: {message}</source>
        <translation>The demo data could not be created: {message}</translation>
    </message>
    <message>
        <source>Database belum diatur. Jalankan &apos;kpps init --role pps --wilayah KODE_DESA&apos; atau &apos;kpps demo&apos; terlebih dahulu.</source>
        <translation>The database is not set up. Run &apos;kpps init --role pps --wilayah DESA_CODE&apos; or &apos;kpps demo&apos; first.</translation>
    </message>
    <message>
        <source>Sesi &apos;{id}&apos; tidak ditemukan. Lihat daftar sesi: kpps session list</source>
        <translation>Session &apos;{id}&apos; not found. List the sessions with: kpps session list</translation>
    </message>
    <message>
        <source>Cadangan harian gagal dibuat: {message}</source>
        <translation>The daily backup could not be made: {message}</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Ketua KPPS</source>
        <translation>KPPS chair</translation>
    </message>
    <message>
        <source>Anggota KPPS</source>
        <translation>KPPS member</translation>
    </message>
    <message>
        <source>Linmas</source>
        <translation>Linmas</translation>
    </message>
    <message>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Diganti</source>
        <translation>Replaced</translation>
    </message>
    <message>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Pelantikan</source>
        <translation>Induction</translation>
    </message>
    <message>
        <source>Bimtek</source>
        <translation>Training (bimtek)</translation>
    </message>
    <message>
        <source>Simulasi</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <source>Susulan</source>
        <translation>Make-up</translation>
    </message>
    <message>
        <source>Hadir</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Hadir daring</source>
        <translation>Present online</translation>
    </message>
    <message>
        <source>Terlambat</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Izin</source>
        <translation>Excused</translation>
    </message>
    <message>
        <source>Sakit</source>
        <translation>Sick</translation>
    </message>
    <message>
        <source>Tidak hadir</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Diharapkan</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Belum tercatat</source>
        <translation>Not recorded yet</translation>
    </message>
    <message>
        <source>Tepat waktu</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Hadir (total)</source>
        <translation>Present (total)</translation>
    </message>
    <message>
        <source>Diganti (PAW)</source>
        <translation>Replaced (PAW)</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Desa/Kelurahan</source>
        <translation>Desa/Kelurahan</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Presensi terlalu cepat</source>
        <translation>Check-ins too fast</translation>
    </message>
    <message>
        <source>Banyak presensi manual</source>
        <translation>Many manual check-ins</translation>
    </message>
    <message>
        <source>Jam di daftar hadir kertas sama</source>
        <translation>Same time on the paper list</translation>
    </message>
    <message>
        <source>Satu perangkat untuk banyak desa</source>
        <translation>One device for many villages</translation>
    </message>
    <message>
        <source>Di luar jam sesi</source>
        <translation>Outside session hours</translation>
    </message>
    <message>
        <source>Jam perangkat tidak wajar</source>
        <translation>Implausible device clock</translation>
    </message>
    <message>
        <source>Hadir di dua sesi sekaligus</source>
        <translation>Present at two sessions at once</translation>
    </message>
    <message>
        <source>Presensi petugas yang sudah diganti</source>
        <translation>Check-in of a replaced officer</translation>
    </message>
    <message>
        <source>PPS (desa/kelurahan)</source>
        <translation>PPS (desa/kelurahan)</translation>
    </message>
    <message>
        <source>PPK (kecamatan)</source>
        <translation>PPK (kecamatan)</translation>
    </message>
    <message>
        <source>KPU Kabupaten/Kota</source>
        <translation>KPU Kabupaten/Kota</translation>
    </message>
    <message>
        <source>Persentase</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nama operator</source>
        <translation>Operator name</translation>
    </message>
    <message>
        <source>Orang yang memakai aplikasi di komputer ini; dicatat pada cetakan dan log.</source>
        <translation>The person using the app on this computer; recorded on printouts and in the log.</translation>
    </message>
    <message>
        <source>Nama pemilihan dan tahun</source>
        <translation>Election name and year</translation>
    </message>
    <message>
        <source>Dicetak di kepala kartu petugas dan di judul setiap formulir.</source>
        <translation>Printed at the top of the officers&apos; cards and in the title of every form.</translation>
    </message>
    <message>
        <source>Kop: nama kantor</source>
        <translation>Letterhead: office name</translation>
    </message>
    <message>
        <source>Baris pertama kop; kosong = dari peran dan wilayah (PANITIA PEMUNGUTAN SUARA DESA …).</source>
        <translation>First letterhead line; empty = from the role and region (PANITIA PEMUNGUTAN SUARA DESA …).</translation>
    </message>
    <message>
        <source>Kop: alamat kantor</source>
        <translation>Letterhead: office address</translation>
    </message>
    <message>
        <source>Alamat di bawah nama kantor; kosong = garis titik-titik untuk diisi tangan.</source>
        <translation>Address under the office name; empty = a dotted line to fill in by hand.</translation>
    </message>
    <message>
        <source>Nama ketua</source>
        <translation>Chair&apos;s name</translation>
    </message>
    <message>
        <source>Nama ketua PPS/PPK/KPU yang menandatangani formulir; kosong = garis titik-titik.</source>
        <translation>Name of the PPS/PPK/KPU chair who signs the forms; empty = a dotted line.</translation>
    </message>
    <message>
        <source>Nama sekretaris</source>
        <translation>Secretary&apos;s name</translation>
    </message>
    <message>
        <source>Nama sekretaris yang menandatangani formulir; kosong = garis titik-titik.</source>
        <translation>Name of the secretary who signs the forms; empty = a dotted line.</translation>
    </message>
    <message>
        <source>Tempat penandatanganan</source>
        <translation>Place of signing</translation>
    </message>
    <message>
        <source>Tempat di atas tanda tangan (mis. Kedungmalang); kosong = nama wilayah.</source>
        <translation>Place above the signatures (e.g. Kedungmalang); empty = the region&apos;s name.</translation>
    </message>
    <message>
        <source>Batas materai (Rp)</source>
        <translation>Stamp duty threshold (Rp)</translation>
    </message>
    <message>
        <source>Kuitansi sejumlah ini atau lebih diberi kotak materai Rp 10.000.</source>
        <translation>A receipt of this amount or more gets a Rp 10,000 stamp duty (materai) box.</translation>
    </message>
    <message>
        <source>Aturan uang transport</source>
        <translation>Transport money rules</translation>
    </message>
    <message>
        <source>Jenis sesi yang dibayar, besar per kegiatan (rupiah), dan apakah hadir daring/terlambat dibayar.</source>
        <translation>The session kinds that are paid, the amount per activity (rupiah), and whether online/late attendance is paid.</translation>
    </message>
    <message>
        <source>Suara</source>
        <translation>Sound</translation>
    </message>
    <message>
        <source>Bunyi saat presensi diterima atau perlu perhatian.</source>
        <translation>A sound when a check-in is accepted or needs attention.</translation>
    </message>
    <message>
        <source>Kamera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Id perangkat kamera untuk memindai; kosong = kamera bawaan.</source>
        <translation>The camera device id for scanning; empty = the default camera.</translation>
    </message>
    <message>
        <source>Toleransi terlambat (menit)</source>
        <translation>Lateness tolerance (minutes)</translation>
    </message>
    <message>
        <source>Petugas yang datang lebih dari sekian menit setelah jam mulai dicatat terlambat.</source>
        <translation>Officers arriving more than this many minutes after the start time are recorded as late.</translation>
    </message>
    <message>
        <source>Lama hasil presensi tampil (detik)</source>
        <translation>Check-in result shown for (seconds)</translation>
    </message>
    <message>
        <source>Sesudah sekian detik layar presensi kembali ke SIAP untuk antrean berikutnya.</source>
        <translation>After this many seconds the check-in screen returns to READY for the next in the queue.</translation>
    </message>
    <message>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Bahasa tampilan: id atau en (berlaku setelah aplikasi dibuka lagi).</source>
        <translation>Interface language: id or en (takes effect when the app is opened again).</translation>
    </message>
    <message>
        <source>Menit minimum hadir daring</source>
        <translation>Minimum minutes online</translation>
    </message>
    <message>
        <source>Peserta rapat daring yang tersambung kurang dari sekian menit tidak dicatat hadir daring.</source>
        <translation>Online meeting participants connected for fewer minutes than this are not recorded present online.</translation>
    </message>
    <message>
        <source>Cadangan harian disimpan</source>
        <translation>Daily backups kept</translation>
    </message>
    <message>
        <source>Berapa cadangan harian terbaru yang disimpan di folder backups.</source>
        <translation>How many of the latest daily backups are kept in the backups folder.</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Tampilkan NIK</source>
        <translation>Show NIK</translation>
    </message>
    <message>
        <source>Hapus data pribadi</source>
        <translation>Delete personal data</translation>
    </message>
    <message>
        <source>Cadangan</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Pemulihan</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>Laporan kesalahan disimpan di:
{path}</source>
        <translation>An error report was saved to:
{path}</translation>
    </message>
    <message>
        <source>Laporan kesalahan tidak dapat disimpan.</source>
        <translation>The error report could not be saved.</translation>
    </message>
    <message>
        <source>Maaf, terjadi kesalahan yang tidak terduga.</source>
        <translation>Sorry, an unexpected error happened.</translation>
    </message>
    <message>
        <source>Data yang sudah tersimpan tetap aman. Bila kesalahan berulang, tutup lalu buka lagi aplikasi, dan kirimkan berkas laporan itu kepada pengelola aplikasi.</source>
        <translation>Data already saved is safe. If the error happens again, close and reopen the app, and send the report file to the app&apos;s maintainers.</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <source>Terjadi kesalahan tak terduga: {error}</source>
        <translation>An unexpected error happened: {error}</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
