#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Cross-compiles ParIndex for Windows x86-64 on Debian 12 and makes the zip and the installer:
#
#   build-aux/windows/cross-build.sh OUTDIR
#
# writes OUTDIR/ParIndex-<version>-windows-x86_64.zip and
#        OUTDIR/ParIndex-<version>-windows-x86_64-setup.exe.
#
# The libraries (GLib, GTK 4, libadwaita, Pango, cairo, HarfBuzz, Poppler, qpdf, libarchive, …)
# are built with Debian's mingw-w64 toolchain from Debian's own source packages (apt-get source),
# at the versions of the -dev packages this machine builds the Linux program against. Each one is
# installed into $PARINDEX_WIN_CACHE/prefix once; a later run finds its stamp and skips it, so only
# ParIndex itself and the packaging run again. Delete $PARINDEX_WIN_CACHE/stamps/NAME to rebuild
# one library, the cache to rebuild all.
#
# Environment:
#   PARINDEX_WIN_CACHE   cache of sources, build trees and the dependency prefix
#                        (default OUTDIR/cache)
#   PARINDEX_WIN_JOBS    parallel jobs (default 2)
#   PARINDEX_WIN_KEEP    1 keeps the build trees of the libraries (default: removed once installed)
#
# Run it as root on a bare machine (it installs the Debian packages it needs and adds the deb-src
# entries apt-get source needs), or as a user once they are there. It takes long: run it with
# `nice -n 19`.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
cache=${PARINDEX_WIN_CACHE:-$out/cache}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
jobs=${PARINDEX_WIN_JOBS:-2}
host=x86_64-w64-mingw32
prefix=$cache/prefix
srcdir=$cache/src
blddir=$cache/build
stamps=$cache/stamps
logs=$cache/logs
mkdir -p "$prefix"/{bin,lib,include,share} "$srcdir" "$blddir" "$stamps" "$logs"
cd "$cache"

say () { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die () { say "error: $*"; exit 1; }

# --- Debian packages of the build machine -----------------------------------------------------

host_packages=(
  gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 binutils-mingw-w64-x86-64 mingw-w64-x86-64-dev
  meson ninja-build cmake pkg-config autoconf automake libtool make patch python3 xz-utils
  dpkg-dev gettext tcl sassc zip nsis imagemagick libglib2.0-dev libgtk-4-bin librsvg2-common
  adwaita-icon-theme librsvg2-bin unzip
  # the -dev packages whose versions choose the source versions (the Linux build's libraries)
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsqlite3-dev libxlsxwriter-dev
  libpoppler-glib-dev libqpdf-dev libarchive-dev nettle-dev libtiff-dev libgraphene-1.0-dev
  libepoxy-dev libpcre2-dev libffi-dev zlib1g-dev libpng-dev libjpeg62-turbo-dev
  libfreetype-dev libfribidi-dev libharfbuzz-dev libpixman-1-dev libcairo2-dev libpango1.0-dev
  libgdk-pixbuf-2.0-dev
)

install_host_packages () {
  local missing=() p
  for p in "${host_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "install first: apt-get install -y --no-install-recommends ${missing[*]}"
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# apt-get source needs deb-src entries: the same archive and suites as the machine's Debian
# entries (debian and debian-security), added once in a file of their own.
ensure_deb_src () {
  if apt-get indextargets --format '$(CREATED_BY)' 2>/dev/null | grep -qx Sources; then
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || die "apt has no deb-src entry: run once as root, or add one"
  say "adding deb-src entries (/etc/apt/sources.list.d/parindex-win-src.sources)"
  cat > /etc/apt/sources.list.d/parindex-win-src.sources <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt-get update -qq
}

# The source version of the library a Debian binary package was built from: the one this
# machine's Linux build of ParIndex uses.
source_version () {
  dpkg-query -W -f='${source:Version}' "$1" 2>/dev/null || die "$1 is not installed"
}

upstream_version () {
  local v=${1#*:}
  echo "${v%-*}"
}

# fetch_source SRCPKG BINPKG: unpacks Debian's source package (with Debian's patches applied)
# under $srcdir and prints its folder. When the archive serves the upstream tarball but not
# Debian's packaging part (the mirror of this workplace has gaps), the upstream tarball of the
# same version is unpacked instead, and the log says so.
fetch_source () {
  local src=$1 bin=$2 ver up dir
  ver=$(source_version "$bin")
  up=$(upstream_version "$ver")
  dir=$srcdir/$src-$up
  if [ -d "$dir" ]; then
    echo "$dir"
    return 0
  fi
  (
    cd "$srcdir"
    if ! apt-get source -qq "$src=$ver" >"$logs/source-$src.log" 2>&1; then
      # Same upstream version at another Debian revision (security updates of the mirror).
      local other
      for other in $(apt-cache showsrc "$src" | awk '/^Version:/ { print $2 }'); do
        [ "$other" != "$ver" ] && [ "$(upstream_version "$other")" = "$up" ] || continue
        if apt-get source -qq "$src=$other" >>"$logs/source-$src.log" 2>&1; then
          say "$src: Debian $other (the $ver source is not served)"
          exit 0
        fi
      done
      local orig
      orig=$(ls "${src}_${up}".orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n 1 || true)
      if [ -n "$orig" ]; then
        say "$src: Debian's packaging part of $ver is not served; using its upstream tarball $orig"
      else
        orig=$(fetch_unstable_orig "$src") || { cat "$logs/source-$src.log" >&2; exit 1; }
        say "$src: no file of Debian's $ver source is served; using Debian unstable's upstream" \
          "tarball $orig instead"
      fi
      mkdir -p "$dir"
      tar -xf "$orig" -C "$dir" --strip-components=1
    fi
  ) >&2 || die "cannot get the source of $src $ver"
  [ -d "$dir" ] || die "apt-get source $src gave no $dir"
  echo "$dir"
}

# The upstream tarball of SRCPKG as Debian unstable has it, through apt lists of its own under
# the cache (the machine's apt configuration is left alone); prints the file's name.
fetch_unstable_orig () {
  local src=$1 lists=$cache/apt-unstable orig
  mkdir -p "$lists/lists/partial"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" \
    > "$lists/sources.list"
  local opts=(-o Dir::Etc::SourceList="$lists/sources.list" -o Dir::Etc::SourceParts=/dev/null
              -o Dir::State::Lists="$lists/lists")
  if [ ! -e "$lists/lists/lock" ] || [ -n "$(find "$lists/lists" -maxdepth 0 -mtime +7)" ]; then
    apt-get "${opts[@]}" update -qq >>"$logs/source-$src.log" 2>&1 || return 1
  fi
  apt-get "${opts[@]}" source --download-only -qq "$src" >>"$logs/source-$src.log" 2>&1 || true
  orig=$(ls -t "${src}"_*.orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n 1 || true)
  [ -n "$orig" ] || return 1
  echo "$orig"
}

apply_patches () {
  local dir=$1 name=$2 p
  for p in "$here"/patches/"$name"-*.patch; do
    [ -e "$p" ] || continue
    if [ ! -e "$dir/.parindex-$(basename "$p")" ]; then
      say "  patch $(basename "$p")"
      patch -d "$dir" -p1 -s < "$p"
      touch "$dir/.parindex-$(basename "$p")"
    fi
  done
}

# --- The cross toolchain ----------------------------------------------------------------------

export PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig:$prefix/share/pkgconfig
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR || true

cross_paths=$cache/cross-paths.ini
cat > "$cross_paths" <<EOF
[properties]
pkg_config_libdir = ['$prefix/lib/pkgconfig', '$prefix/share/pkgconfig']

[built-in options]
c_args = ['-I$prefix/include']
cpp_args = ['-I$prefix/include']
c_link_args = ['-L$prefix/lib']
cpp_link_args = ['-L$prefix/lib']
EOF

toolchain=$cache/toolchain.cmake
cat > "$toolchain" <<EOF
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER $host-gcc-posix)
set(CMAKE_CXX_COMPILER $host-g++-posix)
set(CMAKE_RC_COMPILER $host-windres)
set(CMAKE_FIND_ROOT_PATH /usr/$host $prefix)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
EOF

meson_build () {
  local name=$1 dir=$2
  shift 2
  rm -rf "$blddir/$name"
  meson setup "$blddir/$name" "$dir" \
    --cross-file "$here/x86_64-w64-mingw32.ini" --cross-file "$cross_paths" \
    --prefix "$prefix" --libdir lib --buildtype release -Ddefault_library=shared \
    -Dwrap_mode=nodownload "$@"
  ninja -C "$blddir/$name" -j "$jobs"
  ninja -C "$blddir/$name" install
}

cmake_build () {
  local name=$1 dir=$2
  shift 2
  rm -rf "$blddir/$name"
  cmake -S "$dir" -B "$blddir/$name" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_SHARED_LIBS=ON "$@"
  ninja -C "$blddir/$name" -j "$jobs"
  ninja -C "$blddir/$name" install
}

# Autotools, in a build folder of its own (CONFIGURE is relative to the source folder).
autotools_configure () {
  local name=$1 dir=$2 configure=$3
  shift 3
  rm -rf "$blddir/$name"
  mkdir -p "$blddir/$name"
  (
    cd "$blddir/$name"
    CC=$host-gcc-posix CXX=$host-g++-posix AR=$host-ar RANLIB=$host-ranlib \
      STRIP=$host-strip WINDRES=$host-windres RC=$host-windres \
      CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib ${EXTRA_LDFLAGS:-}" CFLAGS="${CFLAGS:--O2}" \
      CXXFLAGS="-O2" "$dir/$configure" --host=$host --build="$(gcc -dumpmachine)" \
      --prefix="$prefix" --enable-shared --disable-static "$@"
  )
}

autotools_build () {
  autotools_configure "$@"
  make -C "$blddir/$1" -j "$jobs"
  make -C "$blddir/$1" install
}

# step NAME SRCPKG BINPKG: builds a library once (build_NAME SOURCE-FOLDER), with its log in
# $logs/NAME.log and a stamp naming the Debian version it was built from.
step () {
  local name=$1 src=$2 bin=$3 ver dir
  ver=$(source_version "$bin")
  if [ -e "$stamps/$name" ] && [ "$(cat "$stamps/$name")" = "$src $ver" ]; then
    return 0
  fi
  dir=$(fetch_source "$src" "$bin")
  apply_patches "$dir" "$name"
  say "building $name ($src $ver)"
  local t0=$SECONDS
  # A subshell outside any condition, so that set -e stops the build at its first failure.
  local rc=0
  set +e
  ( set -e; "build_$name" "$dir" ) >"$logs/$name.log" 2>&1
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    tail -n 40 "$logs/$name.log" >&2
    die "$name failed (log: $logs/$name.log)"
  fi
  echo "$src $ver" > "$stamps/$name"
  say "  $name built in $((SECONDS - t0)) s"
  if [ "${PARINDEX_WIN_KEEP:-0}" != 1 ]; then
    rm -rf "$blddir/$name" "$dir"
  fi
}

# --- The libraries, in build order ------------------------------------------------------------

build_zlib () {
  cmake_build zlib "$1"
  # zlib's CMake names the DLL's import library libzlib.dll.a; everyone links -lz.
  cp "$prefix/lib/libzlib.dll.a" "$prefix/lib/libz.dll.a"
  rm -f "$prefix/lib/libzlibstatic.a"
}

build_libpng () {
  cmake_build libpng "$1" -DPNG_STATIC=OFF -DPNG_TESTS=OFF -DPNG_EXECUTABLES=OFF \
    -DZLIB_ROOT="$prefix"
}

# No SIMD: it would want nasm, and decoding the evidence images is not where time goes.
build_libjpeg () {
  # Its CMake takes a relative CMAKE_INSTALL_LIBDIR relative to the current folder.
  cmake_build libjpeg "$1" -DCMAKE_INSTALL_LIBDIR="$prefix/lib" -DENABLE_STATIC=OFF -DWITH_SIMD=OFF -DWITH_TURBOJPEG=OFF \
    -DWITH_JPEG8=OFF
}

build_tiff () {
  cmake_build tiff "$1" -Dtiff-tools=OFF -Dtiff-tests=OFF -Dtiff-contrib=OFF -Dtiff-docs=OFF \
    -Dcxx=OFF -Dzstd=OFF -Dlzma=OFF -Dwebp=OFF -Djbig=OFF -Dlerc=OFF -Dlibdeflate=OFF \
    -Dpixarlog=OFF -Djpeg=ON -Dzlib=ON
}

build_freetype () {
  meson_build freetype "$1" -Dbrotli=disabled -Dbzip2=disabled -Dharfbuzz=disabled \
    -Dpng=enabled -Dzlib=system -Dtests=disabled
}

build_fribidi () {
  meson_build fribidi "$1" -Ddocs=false
}

build_libffi () {
  autotools_build libffi "$1" configure --disable-docs --disable-multi-os-directory
}

build_pcre2 () {
  autotools_build pcre2 "$1" configure --enable-pcre2-8 --disable-pcre2-16 --disable-pcre2-32 \
    --enable-unicode --disable-pcre2grep-libz --disable-pcre2grep-libbz2
}

# libintl alone (gettext-runtime/intl): GLib's and GTK's translations. Without iconv: every
# catalogue is UTF-8 and GLib asks for UTF-8.
build_gettext () {
  autotools_configure gettext "$1" gettext-runtime/configure --disable-java --disable-csharp \
    --disable-libasprintf --enable-threads=windows --without-libiconv-prefix \
    --without-libintl-prefix --disable-c++ --disable-openmp
  make -C "$blddir/gettext/intl" -j "$jobs"
  make -C "$blddir/gettext/intl" install
}

build_glib () {
  meson_build glib "$1" -Dtests=false -Dinstalled_tests=false -Dman=false -Dgtk_doc=false \
    -Dnls=enabled -Dlibelf=disabled -Dsysprof=disabled -Dxattr=false -Dselinux=disabled
}

build_pixman () {
  meson_build pixman "$1" -Dtests=disabled -Dgtk=disabled -Dlibpng=disabled \
    -Dopenmp=disabled
}

# cairo 1.16 builds with autotools: the win32 surface and fonts (Pango, GTK), FreeType fonts
# without fontconfig (Poppler), PNG, PDF and the GObject types (GTK).
build_cairo () {
  # Debian's patches touch configure.ac and Makefile.am: regenerate, as its rules do
  # (dh_autoreconf); gtk-doc's macro comes with cairo (build/gtk-doc.m4).
  (cd "$1" && GTKDOCIZE=true autoreconf -fi)
  # cairo compiles with -D_FORTIFY_SOURCE=2: its checked functions are in mingw-w64's libssp,
  # whose folder libtool must be told, or it falls back to a static libcairo.
  LIBS=-lssp EXTRA_LDFLAGS="-L$(dirname "$($host-gcc-posix -print-file-name=libssp.dll.a)")" \
    autotools_build cairo "$1" configure --disable-maintainer-mode --enable-win32 --enable-win32-font --enable-ft \
    --disable-fc --enable-png --enable-pdf --enable-ps --enable-svg --enable-gobject \
    --disable-xlib --disable-xcb --disable-xlib-xrender --disable-quartz --disable-gl \
    --disable-script --disable-interpreter --disable-trace --disable-symbol-lookup \
    --disable-gtk-doc --disable-full-testing --disable-valgrind
}

build_harfbuzz () {
  meson_build harfbuzz "$1" -Dglib=enabled -Dgobject=enabled -Dfreetype=enabled \
    -Dgdi=enabled -Dcairo=disabled -Dicu=disabled -Dgraphite2=disabled -Dchafa=disabled \
    -Dtests=disabled -Ddocs=disabled -Dintrospection=disabled -Dbenchmark=disabled
}

build_pango () {
  meson_build pango "$1" -Dintrospection=disabled -Dgtk_doc=false -Dinstall-tests=false \
    -Dfontconfig=disabled -Dfreetype=disabled -Dcairo=enabled -Dlibthai=disabled \
    -Dxft=disabled -Dsysprof=disabled
}

build_gdk_pixbuf () {
  meson_build gdk_pixbuf "$1" -Dpng=enabled -Djpeg=enabled -Dtiff=disabled \
    -Dbuiltin_loaders=png,jpeg -Dnative_windows_loaders=false \
    -Dgio_sniffing=false -Dintrospection=disabled -Dman=false -Dgtk_doc=false \
    -Dinstalled_tests=false -Dtests=false -Drelocatable=true
}

build_epoxy () {
  meson_build epoxy "$1" -Degl=no -Dglx=no -Dx11=false -Dtests=false -Ddocs=false
}

build_graphene () {
  meson_build graphene "$1" -Dintrospection=disabled -Dtests=false -Dinstalled_tests=false \
    -Dgobject_types=true
}

build_gtk () {
  meson_build gtk "$1" -Dx11-backend=false -Dwayland-backend=false -Dbroadway-backend=false \
    -Dwin32-backend=true -Dmedia-gstreamer=disabled -Dmedia-ffmpeg=disabled \
    -Dprint-cups=disabled -Dvulkan=disabled -Dcloudproviders=disabled -Dsysprof=disabled \
    -Dtracker=disabled -Dcolord=disabled -Dintrospection=disabled -Dgtk_doc=false \
    -Dman-pages=false -Ddemos=false -Dbuild-examples=false -Dbuild-tests=false \
    -Dinstall-tests=false
}

# libadwaita compiles with -fstack-protector-strong: its guard is in mingw-w64's libssp.
build_libadwaita () {
  meson_build libadwaita "$1" -Dintrospection=disabled -Dvapi=false -Dtests=false \
    -Dexamples=false -Dgtk_doc=false -Dc_link_args="-L$prefix/lib -lssp"
}

build_json_glib () {
  # Where the mirror serves no json-glib 1.6.6, unstable's 1.10 asks for meson 1.2 without using
  # anything newer than Debian 12's meson 1.0 has.
  sed -i "s/meson_version: '>= 1.2.0'/meson_version: '>= 1.0.0'/" "$1/meson.build"
  meson_build json_glib "$1" -Dintrospection=disabled -Dgtk_doc=disabled -Dtests=false \
    -Dman=false
}

# SQLite's Debian source is the full tree, whose tools (lemon, mkkeywordhash, the Tcl scripts)
# make the amalgamation: configured for the build machine, they make sqlite3.c and sqlite3.h,
# which are then compiled for Windows into libsqlite3-0.dll, with the options of Debian's rules.
build_sqlite () {
  local b=$blddir/sqlite version
  rm -rf "$b"
  mkdir -p "$b"
  (cd "$b" && "$1/configure" --disable-tcl --disable-readline && make sqlite3.c sqlite3.h)
  local defines=(
    -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_FTS3
    -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_RTREE=1 -DSQLITE_SOUNDEX=1
    -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_OMIT_LOOKASIDE=1 -DSQLITE_ENABLE_DBSTAT_VTAB
    -DSQLITE_ALLOW_ROWID_IN_VIEW -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1
    -DSQLITE_ENABLE_LOAD_EXTENSION -DSQLITE_ENABLE_JSON1 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS
    -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS3_TOKENIZER=1 -DSQLITE_USE_URI=1
    -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_SESSION
    -DSQLITE_ENABLE_STMTVTAB -DSQLITE_MAX_VARIABLE_NUMBER=250000 -DSQLITE_ENABLE_MATH_FUNCTIONS
  )
  $host-gcc-posix -O2 -fno-strict-aliasing "${defines[@]}" -shared "$b/sqlite3.c" \
    -o "$prefix/bin/libsqlite3-0.dll" -Wl,--out-implib,"$prefix/lib/libsqlite3.dll.a"
  cp "$b/sqlite3.h" "$1/src/sqlite3ext.h" "$prefix/include/"
  version=$(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' "$b/sqlite3.h")
  cat > "$prefix/lib/pkgconfig/sqlite3.pc" <<EOF
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: SQLite
Description: SQL database engine
Version: $version
Libs: -L\${libdir} -lsqlite3
Cflags: -I\${includedir}
EOF
}

# libxlsxwriter with the minizip and tmpfileplus it ships (Debian links the system's minizip,
# which has no Windows build here); tmpfileplus writes temporary files under %TEMP%.
build_xlsxwriter () {
  cmake_build xlsxwriter "$1" -DUSE_SYSTEM_MINIZIP=OFF -DUSE_OPENSSL_MD5=OFF -DBUILD_TESTS=OFF \
    -DBUILD_EXAMPLES=OFF -DZLIB_ROOT="$prefix"
}

build_nettle () {
  autotools_build nettle "$1" configure --disable-documentation --disable-openssl \
    --enable-mini-gmp --libdir="$prefix/lib"
}

# Its test of whether zlib wants ZLIB_WINAPI runs a program, which a cross build cannot (CMake
# 3.25's try_run crashes with bad_alloc there): the answer is given as already found for this
# zlib, "no" (zlib is built without it above).
build_libarchive () {
  cmake_build libarchive "$1" -DENABLE_TEST=OFF -DENABLE_TAR=OFF -DENABLE_CPIO=OFF \
    -DENABLE_CAT=OFF -DENABLE_OPENSSL=OFF -DENABLE_NETTLE=OFF -DENABLE_MBEDTLS=OFF \
    -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF -DENABLE_LZ4=OFF -DENABLE_BZip2=OFF -DENABLE_LZO=OFF \
    -DENABLE_LIBB2=OFF -DENABLE_LIBXML2=OFF -DENABLE_EXPAT=OFF -DENABLE_PCREPOSIX=OFF \
    -DENABLE_ICONV=OFF -DENABLE_ACL=OFF -DENABLE_XATTR=OFF -DENABLE_CNG=ON -DENABLE_ZLIB=ON \
    -DZLIB_LIBRARY="$prefix/lib/libz.dll.a" -DZLIB_INCLUDE_DIR="$prefix/include" \
    -DZLIB_WINAPI_WITH_LIB="$prefix/lib/libz.dll.a" -DZLIB_WINAPI=0
  rm -f "$prefix/lib/libarchive_static.a"
}

# qpdf with its own ("native") cryptography: no GnuTLS or OpenSSL to build.
# For MinGW its build copies the runtime DLLs beside qpdf.exe, looking for them along $LIB.
build_qpdf () {
  LIB="$prefix/bin:$(dirname "$($host-gcc-posix -print-file-name=libssp.dll.a)"):/usr/$host/lib" \
    cmake_build qpdf "$1" -DREQUIRE_CRYPTO_NATIVE=ON -DUSE_IMPLICIT_CRYPTO=OFF \
    -DBUILD_STATIC_LIBS=OFF -DBUILD_DOC=OFF -DINSTALL_EXAMPLES=OFF -DINSTALL_MANUAL=OFF \
    -DZLIB_ROOT="$prefix"
}

# Poppler: only the GLib frontend (the window's previews), fonts looked up the Windows way.
build_poppler () {
  cmake_build poppler "$1" -DENABLE_GLIB=ON -DENABLE_CPP=OFF -DENABLE_QT5=OFF -DENABLE_QT6=OFF \
    -DENABLE_UTILS=OFF -DENABLE_LIBOPENJPEG=none -DENABLE_LCMS=OFF -DENABLE_DCTDECODER=libjpeg \
    -DENABLE_LIBCURL=OFF -DENABLE_NSS3=OFF -DENABLE_GPGME=OFF -DENABLE_BOOST=OFF \
    -DENABLE_LIBTIFF=OFF -DENABLE_GOBJECT_INTROSPECTION=OFF -DENABLE_GTK_DOC=OFF \
    -DBUILD_GTK_TESTS=OFF -DBUILD_CPP_TESTS=OFF -DBUILD_MANUAL_TESTS=OFF -DBUILD_QT5_TESTS=OFF \
    -DBUILD_QT6_TESTS=OFF -DFONT_CONFIGURATION=win32 -DENABLE_ZLIB=ON -DENABLE_ZLIB_UNCOMPRESS=OFF
}

build_dependencies () {
  step zlib zlib zlib1g-dev
  step libpng libpng1.6 libpng-dev
  step libjpeg libjpeg-turbo libjpeg62-turbo-dev
  step tiff tiff libtiff-dev
  step freetype freetype libfreetype-dev
  step fribidi fribidi libfribidi-dev
  step libffi libffi libffi-dev
  step pcre2 pcre2 libpcre2-dev
  step gettext gettext gettext
  step glib glib2.0 libglib2.0-dev
  step pixman pixman libpixman-1-dev
  step cairo cairo libcairo2-dev
  step harfbuzz harfbuzz libharfbuzz-dev
  step pango pango1.0 libpango1.0-dev
  step gdk_pixbuf gdk-pixbuf libgdk-pixbuf-2.0-dev
  step epoxy libepoxy libepoxy-dev
  step graphene graphene libgraphene-1.0-dev
  step gtk gtk4 libgtk-4-dev
  step libadwaita libadwaita-1 libadwaita-1-dev
  step json_glib json-glib libjson-glib-dev
  step sqlite sqlite3 libsqlite3-dev
  step xlsxwriter libxlsxwriter libxlsxwriter-dev
  step nettle nettle nettle-dev
  step libarchive libarchive libarchive-dev
  step qpdf qpdf libqpdf-dev
  step poppler poppler libpoppler-glib-dev
}

# --- ParIndex ----------------------------------------------------------------------------------

# The build machine's parindex-cli (no window, no tests): it makes the demo workspace shipped in
# the zip, which the Windows build cannot run here; test-wine.sh compares against it.
build_native () {
  local b=$cache/native
  say "building ParIndex for Linux (the demo workspace)"
  if [ ! -e "$b/build.ninja" ]; then
    env -u PKG_CONFIG_LIBDIR meson setup "$b" "$top" --buildtype=release -Dgui=false -Dtests=false \
      >"$logs/native.log" 2>&1 \
      || { tail -n 30 "$logs/native.log" >&2; die "meson setup of the Linux build failed"; }
  fi
  ninja -C "$b" -j "$jobs" >>"$logs/native.log" 2>&1 \
    || { tail -n 30 "$logs/native.log" >&2; die "the Linux build failed"; }
}

# Warnings are errors, as in .ci/run. The libraries' headers are system headers here as on Linux
# (-isystem, which makes GCC ignore the -I of the same folder from pkg-config): qpdf 11.3's C
# headers declare "f()" where -Wstrict-prototypes wants "f(void)".
build_parindex () {
  local b=$cache/parindex
  say "building ParIndex for Windows"
  if [ ! -e "$b/build.ninja" ]; then
    meson setup "$b" "$top" --cross-file "$here/x86_64-w64-mingw32.ini" \
      --cross-file "$cross_paths" --prefix /ParIndex --buildtype=release -Dtests=false \
      -Dgui=true >"$logs/parindex.log" 2>&1 \
      || { tail -n 30 "$logs/parindex.log" >&2; die "meson setup of the Windows build failed"; }
  fi
  meson configure "$b" -Dc_args="-isystem $prefix/include" -Dwerror=true >>"$logs/parindex.log" 2>&1 \
    || die "meson configure of the Windows build failed"
  ninja -C "$b" -j "$jobs" >>"$logs/parindex.log" 2>&1 \
    || { tail -n 30 "$logs/parindex.log" >&2; die "the Windows build failed"; }
}

# The DLLs a PE file imports, by name (lower case), one per line.
pe_imports () {
  $host-objdump -p "$1" | awk '/DLL Name:/ { print tolower($3) }'
}

# Copies into BIN every DLL that the programs and DLLs in BIN need, found in the dependency
# prefix or the mingw-w64 runtime (Windows' own DLLs are left out: they are found nowhere here).
copy_dlls () {
  local bin=$1 search=("$prefix/bin" /usr/lib/gcc/$host/12-posix /usr/$host/lib)
  local changed=1 f dll d
  while [ $changed -eq 1 ]; do
    changed=0
    for f in "$bin"/*.exe "$bin"/*.dll; do
      [ -e "$f" ] || continue
      for dll in $(pe_imports "$f"); do
        [ -e "$bin/$dll" ] && continue
        for d in "${search[@]}"; do
          local found
          found=$(find "$d" -maxdepth 1 -iname "$dll" -print -quit 2>/dev/null)
          if [ -n "$found" ]; then
            cp "$found" "$bin/$dll"
            changed=1
            break
          fi
        done
      done
    done
  done
}

# Adwaita's icons as Debian's adwaita-icon-theme ships them (data), without the SVG folders:
# no SVG loader is built (librsvg is Rust), and every symbolic icon also comes as .symbolic.png
# in 16 to 96 pixel folders, which GTK 4 recolours like the SVG.
copy_adwaita_icons () {
  local from=/usr/share/icons/Adwaita to=$1/share/icons/Adwaita dirs
  mkdir -p "$to"
  dirs=$(sed -n 's/^Directories=//p' "$from/index.theme" | tr ',' '\n' | grep -v '^scalable' | grep -v '^$')
  local d
  for d in $dirs; do
    [ -d "$from/$d" ] || continue
    mkdir -p "$to/$d"
    find "$from/$d" -maxdepth 1 -name '*.png' -exec cp -t "$to/$d" {} +
  done
  # index.theme without the scalable folders
  awk -v dirs="$(echo $dirs | tr ' ' ',')" '
    /^Directories=/ { print "Directories=" dirs; next }
    /^\[/ { section = $0; skip = (section ~ /^\[scalable/) }
    !skip { print }
  ' "$from/index.theme" > "$to/index.theme"
}

# The program's own icons in PNG (hicolor): the application at the usual sizes, the symbolic one
# recoloured by GTK, the workspace's file type.
render_parindex_icons () {
  local share=$1 size
  local svg=$top/icons/hicolor/scalable
  for size in 16 24 32 48 64 128 256; do
    mkdir -p "$share/icons/hicolor/${size}x$size/apps" "$share/icons/hicolor/${size}x$size/mimetypes"
    rsvg-convert -w $size -h $size "$svg/apps/io.github.parindex.ParIndex.svg" \
      -o "$share/icons/hicolor/${size}x$size/apps/io.github.parindex.ParIndex.png"
    rsvg-convert -w $size -h $size "$svg/mimetypes/application-x-parindex-workspace.svg" \
      -o "$share/icons/hicolor/${size}x$size/mimetypes/application-x-parindex-workspace.png"
  done
  mkdir -p "$share/icons/hicolor/16x16/apps"
  gtk4-encode-symbolic-svg -o "$share/icons/hicolor/16x16/apps" \
    "$top/icons/hicolor/symbolic/apps/io.github.parindex.ParIndex-symbolic.svg" 16x16
  rm -rf "$share/icons/hicolor/scalable" "$share/icons/hicolor/symbolic"
  cp /usr/share/icons/hicolor/index.theme "$share/icons/hicolor/index.theme"
}

# What the zip and the installer must hold, checked before either is made: the window without a
# console, both command-line programs with one (parindex-cli hands the document commands to
# parindex-cli-full beside it), each with the UTF-8 code-page manifest and the icon.
check_stage () {
  local app=$1 exe subsystem want f
  for exe in parindex parindex-cli parindex-cli-full; do
    f=$app/bin/$exe.exe
    [ -e "$f" ] || die "the package has no bin/$exe.exe"
    subsystem=$($host-objdump -p "$f" | awk '/^Subsystem/ { print $2 }')
    want=00000003
    [ "$exe" = parindex ] && want=00000002
    [ "$subsystem" = "$want" ] || die "bin/$exe.exe has subsystem $subsystem, not $want"
    grep -q 'activeCodePage' "$f" || die "bin/$exe.exe has no UTF-8 code-page manifest"
  done
  for f in share/glib-2.0/schemas/gschemas.compiled share/icons/Adwaita/index.theme \
           share/icons/hicolor/256x256/apps/io.github.parindex.ParIndex.png \
           share/locale/vi/LC_MESSAGES/parindex.mo share/locale/vi/LC_MESSAGES/gtk40.mo \
           share/locale/vi/LC_MESSAGES/libadwaita.mo share/locale/vi/LC_MESSAGES/glib20.mo \
           share/parindex/demo/demo.parindex share/parindex/demo/demo-unit.parindex \
           share/parindex/help/C/index.html share/parindex/help/vi/index.html; do
    [ -e "$app/$f" ] || die "the package has no $f"
  done
}

package () {
  local b=$cache/parindex version stage app
  version=$(meson introspect --projectinfo "$b" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
  stage=$cache/stage
  app=$stage/ParIndex
  say "packaging ParIndex $version"
  rm -rf "$stage"
  DESTDIR=$stage meson install -C "$b" --no-rebuild >>"$logs/parindex.log" 2>&1 \
    || die "meson install of the Windows build failed"
  # Linux desktop integration has no use on Windows (the installer does it the Windows way).
  rm -rf "$app/share/applications" "$app/share/metainfo" "$app/share/mime"

  cp "$prefix"/bin/gspawn-win64-helper.exe "$prefix"/bin/gspawn-win64-helper-console.exe "$app/bin/"
  copy_dlls "$app/bin"

  # GSettings: GTK's schemas and ours, compiled by the build machine's glib-compile-schemas.
  cp "$prefix"/share/glib-2.0/schemas/*.xml "$app/share/glib-2.0/schemas/"
  glib-compile-schemas --strict "$app/share/glib-2.0/schemas"

  copy_adwaita_icons "$app"
  render_parindex_icons "$app/share"
  gtk4-update-icon-cache -q -t -f "$app/share/icons/Adwaita"
  gtk4-update-icon-cache -q -t -f "$app/share/icons/hicolor"

  # The Vietnamese catalogues of the libraries (ParIndex's own is installed by meson).
  local domain
  for domain in glib20 gtk40 libadwaita; do
    cp "$prefix/share/locale/vi/LC_MESSAGES/$domain.mo" "$app/share/locale/vi/LC_MESSAGES/"
  done

  # The demo as meson installs it on Linux: the province's workspace, a unit's own workspace and
  # the packages of the cycle between desks (data/demo/meson.build), made by the Linux build.
  mkdir -p "$app/share/parindex/demo"
  cp "$cache/native/data/demo/demo.parindex" "$cache/native/data/demo/demo-unit.parindex" \
    "$cache/native/data/demo/"*.parpkg "$app/share/parindex/demo/"

  find "$app" \( -name '*.exe' -o -name '*.dll' \) -exec $host-strip --strip-unneeded {} +
  check_stage "$app"

  local zip=$out/ParIndex-$version-windows-x86_64.zip
  rm -f "$zip"
  (cd "$stage" && zip -q -r -9 "$zip" ParIndex)
  say "  $zip ($(du -h "$zip" | cut -f1))"

  local setup=$out/ParIndex-$version-windows-x86_64-setup.exe
  rm -f "$setup"
  makensis -V2 -DVERSION="$version" -DSTAGE="$app" -DOUTFILE="$setup" -DICONDIR="$here" \
    "$here/parindex.nsi" >>"$logs/nsis.log" 2>&1 \
    || { tail -n 30 "$logs/nsis.log" >&2; die "makensis failed"; }
  say "  $setup ($(du -h "$setup" | cut -f1))"
}

main () {
  local t0=$SECONDS
  install_host_packages
  ensure_deb_src
  build_dependencies
  say "dependencies ready in $((SECONDS - t0)) s"
  if [ -n "${PARINDEX_WIN_ONLY_DEPS:-}" ]; then
    return 0
  fi
  build_native
  build_parindex
  package
  say "done in $((SECONDS - t0)) s"
}

# One line: bash has read all of it before running it, so editing the file meanwhile is safe.
main "$@"; exit $?
