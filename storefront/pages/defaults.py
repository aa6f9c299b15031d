"""The text each content page starts with, until an admin edits it (content, not UI strings:
the admin changes it in both languages on /admin/pages)."""

DEFAULTS: dict[str, dict[str, str]] = {
    "contact": {
        "title_id": "Hubungi kami",
        "title_en": "Contact us",
        "body_id": (
            "Ada pertanyaan tentang produk, pesanan, atau para pembuat? Kami senang membantu.\n\n"
            "WhatsApp dan email: lihat nomor dan alamat yang tertulis di email pesanan Anda, "
            "atau datang ke pusat pelatihan kami di Kalibaru, Cilincing, Jakarta Utara, "
            "Senin sampai Jumat pukul 09.00 sampai 16.00 WIB.\n\n"
            "Sebutkan nomor pesanan Anda supaya kami bisa menjawab lebih cepat."
        ),
        "body_en": (
            "Questions about a product, an order or the makers? We are glad to help.\n\n"
            "WhatsApp and email: see the number and address in your order email, or visit our "
            "training centre in Kalibaru, Cilincing, North Jakarta, Monday to Friday, "
            "9:00 to 16:00 WIB.\n\n"
            "Mention your order number so we can answer sooner."
        ),
    },
    "shipping-returns": {
        "title_id": "Pengiriman dan pengembalian",
        "title_en": "Shipping and returns",
        "body_id": (
            "Pengiriman: setelah pembayaran diterima, pembuat dan tim program mengemas pesanan "
            "dalam 2 hari kerja. Anda menerima email berisi kurir dan nomor resi. Di Jakarta "
            "paket biasanya tiba dalam 1 sampai 3 hari, di Jawa 2 sampai 4 hari, di pulau lain "
            "3 sampai 10 hari. Ongkos kirim dihitung menurut provinsi dan tampil sebelum Anda "
            "membayar. Pengambilan di pusat pelatihan gratis.\n\n"
            "Pengembalian: setiap tas dibuat dengan tangan, jadi warna dan anyamannya sedikit "
            "berbeda dari foto. Kalau barang rusak atau tidak sesuai pesanan, hubungi kami dalam "
            "7 hari setelah diterima dengan foto barangnya. Kami akan memperbaiki, mengganti, "
            "atau mengembalikan uang Anda lewat cara Anda membayar."
        ),
        "body_en": (
            "Shipping: once your payment is in, the maker and the programme team pack the order "
            "within 2 working days. You get an email with the courier and the tracking number. "
            "In Jakarta a parcel usually arrives in 1 to 3 days, on Java in 2 to 4 days, on the "
            "other islands in 3 to 10 days. Shipping is priced by province and shown before you "
            "pay. Picking up at the training centre is free.\n\n"
            "Returns: every bag is handmade, so its colours and weave differ a little from the "
            "photos. If an item arrives damaged or is not what you ordered, contact us within "
            "7 days of receiving it, with a photo. We repair it, replace it or refund you the "
            "way you paid."
        ),
    },
    "privacy": {
        "title_id": "Kebijakan privasi",
        "title_en": "Privacy policy",
        "body_id": (
            "Kami memproses data pribadi Anda sesuai Undang-Undang Nomor 27 Tahun 2022 tentang "
            "Pelindungan Data Pribadi (UU 27/2022).\n\n"
            "Data yang kami kumpulkan: nama, email, nomor HP, dan alamat pengiriman yang Anda "
            "isi saat memesan, serta riwayat pesanan Anda. Data kartu diproses oleh penyedia "
            "pembayaran, bukan disimpan oleh kami.\n\n"
            "Untuk apa: memproses dan mengirim pesanan, memberi kabar tentang pesanan, dan "
            "memenuhi kewajiban pembukuan. Kami tidak menjual data Anda dan tidak memakainya "
            "untuk iklan. Data hanya dibagikan kepada kurir dan penyedia pembayaran sebatas "
            "yang diperlukan untuk pesanan Anda.\n\n"
            "Berapa lama: data pesanan disimpan selama diwajibkan oleh aturan pembukuan, lalu "
            "dihapus. Para pembuat menentukan sendiri nama dan foto yang tampil di toko.\n\n"
            "Hak Anda: Anda berhak mendapat informasi, mengakses, memperbaiki, dan meminta "
            "penghapusan data pribadi Anda, serta menarik persetujuan. Hubungi kami lewat "
            "halaman Hubungi kami. Kalau terjadi kegagalan pelindungan data, kami memberi tahu "
            "Anda secara tertulis paling lambat 3 x 24 jam."
        ),
        "body_en": (
            "We process your personal data under Indonesia's Personal Data Protection Law, "
            "Law No. 27 of 2022 (UU 27/2022).\n\n"
            "What we collect: the name, email, mobile number and delivery address you give when "
            "you order, and your order history. Card details are handled by the payment "
            "provider, not stored by us.\n\n"
            "Why: to process and deliver your order, to tell you about it, and to keep the "
            "accounts the law requires. We never sell your data or use it for advertising. It is "
            "shared only with the courier and the payment provider, as far as your order needs.\n\n"
            "How long: order records are kept as long as bookkeeping rules require, then deleted. "
            "The makers choose for themselves which name and photo the shop shows.\n\n"
            "Your rights: you may be informed about, access, correct and ask us to delete your "
            "personal data, and withdraw your consent. Contact us through the Contact page. If "
            "a breach of data protection happens, we tell you in writing within 3 x 24 hours."
        ),
    },
    "terms": {
        "title_id": "Syarat dan ketentuan",
        "title_en": "Terms and conditions",
        "body_id": (
            "Toko Anyaman menjual tas dan dompet buatan tangan para perempuan pembuat di Jakarta "
            "Utara. Harga dalam rupiah dan sudah termasuk bagian pembuat dan biaya toko; ongkos "
            "kirim ditambahkan sebelum Anda membayar.\n\n"
            "Pesanan: barang disimpan untuk Anda selama waktu pembayaran yang tertulis di "
            "halaman pesanan. Kalau tidak dibayar sampai waktu itu, pesanan dibatalkan dan "
            "barangnya kembali ke toko.\n\n"
            "Produk dibuat dengan tangan dari plastik daur ulang; sedikit perbedaan warna dan "
            "bentuk dari foto adalah bagian dari keunikannya. Untuk pengembalian, lihat halaman "
            "Pengiriman dan pengembalian. Data pribadi Anda diproses sesuai Kebijakan privasi.\n\n"
            "Syarat ini tunduk pada hukum Republik Indonesia."
        ),
        "body_en": (
            "Toko Anyaman sells bags and pouches handmade by women makers in North Jakarta. "
            "Prices are in rupiah and include the maker's share and the shop's fee; shipping is "
            "added before you pay.\n\n"
            "Orders: your items are kept for you for the payment time shown on the order page. "
            "If the order is not paid by then, it is cancelled and the items go back on sale.\n\n"
            "Products are handmade from upcycled plastic; small differences in colour and shape "
            "from the photos are part of what makes each one unique. For returns, see Shipping "
            "and returns. Your personal data is processed as the Privacy policy says.\n\n"
            "These terms are governed by the laws of the Republic of Indonesia."
        ),
    },
}
