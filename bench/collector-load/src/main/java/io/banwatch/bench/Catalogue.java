package io.banwatch.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A generated Debian-like package catalogue: distinct names with realistic versions, maintainers
 * and architectures. Deterministic (fixed seed), so every run and both engines get the same load.
 * Each package has a current version and a few older ones (hosts not yet upgraded).
 */
final class Catalogue {
    /** One package: its versions, newest first. */
    record Entry(String name, String[] versions, String publisher, String arch) {
    }

    private static final List<String> BASE = List.of("adduser", "apt", "base-files", "base-passwd", "bash",
            "bsdutils", "coreutils", "dash", "debconf", "debianutils", "diffutils", "dpkg", "e2fsprogs", "findutils",
            "gcc-12-base", "gpgv", "grep", "gzip", "hostname", "init-system-helpers", "libc6", "libc-bin",
            "login", "mawk", "mount", "ncurses-base", "passwd", "perl-base", "sed", "sysvinit-utils", "tar",
            "tzdata", "util-linux", "zlib1g", "openssh-client", "openssh-server", "curl", "wget", "ca-certificates",
            "systemd", "systemd-sysv", "udev", "dbus", "sudo", "vim-tiny", "nano", "less", "iproute2", "iputils-ping",
            "rsyslog", "cron", "logrotate", "openssl", "gnupg", "python3", "python3-minimal", "firefox-esr",
            "thunderbird", "libreoffice-core", "libreoffice-writer", "libreoffice-calc", "cups", "network-manager",
            "pulseaudio", "xserver-xorg-core", "gnome-shell", "nautilus", "evince", "git", "unattended-upgrades");
    private static final String[] PREFIXES = {"lib", "lib", "lib", "python3-", "node-", "fonts-", "gir1.2-",
            "r-cran-", "golang-", "ruby-", "lib", "php-", "", "", "texlive-", "gstreamer1.0-"};
    private static final String[] STEMS = {"ssl", "xml2", "curl", "gtk-3", "glib2.0", "pango-1.0", "cairo2",
            "harfbuzz", "jpeg62-turbo", "png16", "tiff", "webp", "sqlite3", "pq", "mariadb", "ldap", "krb5",
            "sasl2", "gnutls", "nettle", "gmp", "mpfr", "ffi", "uuid", "systemd", "udev", "dbus-1", "avahi-client",
            "cups2", "pulse", "asound2", "x11", "xcb", "xext", "xrender", "wayland-client", "drm", "gl1", "vulkan",
            "icu72", "bz2", "lzma", "zstd", "archive13", "yaml", "json-c5", "pcre2", "readline8", "ncursesw6",
            "tinfo6", "cap2", "acl1", "attr1", "selinux1", "audit1", "pam", "nss3", "nspr4", "gcrypt20",
            "gpg-error0", "assuan0", "ksba8", "npth0", "p11-kit0", "tasn1-6", "idn2", "unistring2", "psl5",
            "nghttp2", "rtmp1", "ssh2", "brotli1", "expat1", "fontconfig1", "freetype6", "fribidi0", "graphite2",
            "thai0c2", "datrie1", "lcms2", "openjp2", "poppler126", "exif12", "gphoto2", "usb-1.0", "hidapi",
            "sane1", "gudev-1.0", "secret-1", "soup-3.0", "webkit2gtk-4.1", "javascriptcoregtk", "gstreamer",
            "orc-0.4", "vorbis0a", "ogg0", "opus0", "flac12", "sndfile1", "mp3lame0", "mpg123", "speex1",
            "theora0", "vpx7", "x264", "x265", "dav1d6", "aom3", "avcodec59", "avformat59", "swscale6",
            "boost-system", "boost-filesystem", "protobuf32", "grpc", "absl", "re2", "snappy1v5", "leveldb",
            "rocksdb", "tbb12", "openblas0", "lapack3", "hdf5", "netcdf19", "gdal32", "proj25", "geos",
            "spatialite7", "qt5core5a", "qt5gui5", "qt5widgets5", "kf5coreaddons5", "requests", "urllib3",
            "certifi", "chardet", "idna", "six", "setuptools", "wheel", "numpy", "scipy", "pandas", "dateutil",
            "jinja2", "markupsafe", "cryptography", "cffi", "pycparser", "lodash", "debug", "ms", "chalk",
            "commander", "semver", "yargs", "minimist", "glob", "dejavu", "liberation", "noto", "roboto"};
    private static final String[] SUFFIXES = {"", "", "", "-dev", "-common", "-data", "-doc", "-bin", "-utils",
            "-tools", "-0", "t64", "-plugins", "-l10n"};
    private static final String[] MAINTAINERS = {
            "Debian Python Team <team+python@tracker.debian.org>",
            "Debian X Strike Force <debian-x@lists.debian.org>",
            "Debian GNOME Maintainers <pkg-gnome-maintainers@lists.alioth.debian.org>",
            "Debian Perl Group <pkg-perl-maintainers@lists.alioth.debian.org>",
            "Debian Multimedia Maintainers <debian-multimedia@lists.debian.org>",
            "Debian Go Packaging Team <team+pkg-go@tracker.debian.org>",
            "Debian Javascript Maintainers <pkg-javascript-devel@lists.alioth.debian.org>",
            "Debian R Packages Maintainers <r-pkg-team@alioth-lists.debian.net>",
            "Debian Fonts Task Force <debian-fonts@lists.debian.org>",
            "Debian Ruby Team <pkg-ruby-extras-maintainers@lists.alioth.debian.org>",
            "Debian PHP PECL Maintainers <team+php-pecl@tracker.debian.org>",
            "Debian TeX Task Force <debian-tex-maint@lists.debian.org>",
            "GNU Libc Maintainers <debian-glibc@lists.debian.org>",
            "Debian systemd Maintainers <pkg-systemd-maintainers@lists.alioth.debian.org>",
            "Debian QA Group <packages@qa.debian.org>",
            "Debian KDE Extras Team <pkg-kde-extras@lists.alioth.debian.org>",
            "Debian Science Maintainers <debian-science-maintainers@lists.alioth.debian.org>",
            "Debian GIS Project <pkg-grass-devel@lists.alioth.debian.org>",
            "Matthias Klose <doko@debian.org>", "Debian Mozilla Extension Maintainers <pkg-mozext-maintainers@lists.alioth.debian.org>"};

    private final List<Entry> entries;

    Catalogue(int size) {
        Random r = new Random(20261124L);
        Set<String> names = new LinkedHashSet<>(BASE);
        while (names.size() < size) {
            String stem = STEMS[r.nextInt(STEMS.length)];
            String name = PREFIXES[r.nextInt(PREFIXES.length)] + stem + SUFFIXES[r.nextInt(SUFFIXES.length)];
            // Names the generator repeats get a distinct soname, as real libraries do.
            names.add(names.contains(name) ? name + (2 + r.nextInt(40)) : name);
        }
        List<Entry> list = new ArrayList<>(size);
        for (String name : names) {
            if (list.size() == size) {
                break;
            }
            list.add(new Entry(name, versions(r), MAINTAINERS[r.nextInt(MAINTAINERS.length)],
                    name.startsWith("fonts-") || name.endsWith("-common") || name.endsWith("-data")
                            || name.endsWith("-doc") || r.nextInt(10) == 0 ? "all" : "amd64"));
        }
        this.entries = List.copyOf(list);
    }

    /** Four versions, newest first: e.g. 1:2.36.1-8+deb12u1, 1:2.36.1-8, 1:2.36.0-2, 1:2.35.2-1. */
    private static String[] versions(Random r) {
        String epoch = r.nextInt(10) == 0 ? (1 + r.nextInt(2)) + ":" : "";
        int major = r.nextInt(12);
        int minor = r.nextInt(40);
        int patch = r.nextInt(20);
        int rev = 1 + r.nextInt(6);
        String[] v = new String[4];
        v[0] = epoch + major + "." + minor + "." + (patch + 1) + "-" + rev + (r.nextInt(6) == 0 ? "+deb12u" + (1 + r.nextInt(4)) : "");
        v[1] = epoch + major + "." + minor + "." + (patch + 1) + "-" + Math.max(1, rev - 1);
        v[2] = epoch + major + "." + minor + "." + patch + "-" + (1 + r.nextInt(3));
        v[3] = epoch + major + "." + Math.max(0, minor - 1) + "." + r.nextInt(10) + "-1";
        return v;
    }

    int size() {
        return entries.size();
    }

    Entry get(int i) {
        return entries.get(i);
    }
}
