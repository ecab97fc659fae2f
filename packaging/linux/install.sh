#!/bin/sh
# Install netcrm's one-folder bundle for the current user, without root:
#   the bundle           -> $PREFIX/opt/netcrm/
#   netcrm, netcrm-cli   -> $PREFIX/bin/ (symbolic links)
#   the icon             -> $PREFIX/share/icons/hicolor/<N>x<N>/apps/netcrm.png
#   the menu entry       -> $PREFIX/share/applications/io.github.netcrm.Netcrm.desktop (Exec: the installed path)
#   the AppStream data   -> $PREFIX/share/metainfo/io.github.netcrm.Netcrm.metainfo.xml
# PREFIX defaults to ~/.local. Every path written goes into $PREFIX/opt/netcrm.manifest, which
# uninstall.sh reads to remove exactly those. Installing again first removes the previous install.
#
# Usage: install.sh [BUNDLE]    (default: the folder holding this script if it is a bundle, else dist/netcrm)
# Your data (~/.local/share/netcrm) is never touched.
set -eu

APP_ID=io.github.netcrm.Netcrm
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}

if [ $# -gt 1 ]; then
    echo "usage: $0 [BUNDLE]" >&2
    exit 2
elif [ $# -eq 1 ]; then
    BUNDLE=$(cd "$1" && pwd)
elif [ -x "$HERE/netcrm" ]; then
    BUNDLE=$HERE
else
    BUNDLE=$(cd "$HERE/../.." && pwd)/dist/netcrm
fi
for program in netcrm netcrm-cli; do
    if [ ! -x "$BUNDLE/$program" ]; then
        echo "install.sh: $BUNDLE/$program is missing: build the bundle first (python3 packaging/build.py)" >&2
        exit 2
    fi
done

# Desktop files come with the bundle (share/), or from the checkout this script lives in.
if [ -d "$BUNDLE/share/applications" ]; then
    SHARE=$BUNDLE/share
    DESKTOP=$SHARE/applications/$APP_ID.desktop
    METAINFO=$SHARE/metainfo/$APP_ID.metainfo.xml
    ICONS=$SHARE/icons/hicolor
else
    RESOURCES=$(cd "$HERE/../.." && pwd)/resources
    DESKTOP=$RESOURCES/linux/$APP_ID.desktop
    METAINFO=$RESOURCES/linux/$APP_ID.metainfo.xml
    ICONS=$RESOURCES/icons/hicolor
fi
for file in "$DESKTOP" "$METAINFO" "$ICONS"; do
    if [ ! -e "$file" ]; then
        echo "install.sh: $file is missing" >&2
        exit 2
    fi
done

APPDIR=$PREFIX/opt/netcrm
BINDIR=$PREFIX/bin
MANIFEST=$PREFIX/opt/netcrm.manifest
case "$APPDIR" in
    *'"'* | *'`'* | *'$'* | *'\'*)
        echo "install.sh: PREFIX must not contain \", \`, \$ or \\ (the menu entry could not name it)" >&2
        exit 2 ;;
esac

# Refuse to replace programs that another installation owns (a pip install, say).
for program in netcrm netcrm-cli; do
    link=$BINDIR/$program
    if [ -e "$link" ] || [ -L "$link" ]; then
        if [ ! -L "$link" ] || [ "$(readlink "$link")" != "$APPDIR/$program" ]; then
            echo "install.sh: $link exists and is not netcrm's link; remove it first" >&2
            exit 1
        fi
    fi
done

if [ "$BUNDLE" = "$APPDIR" ]; then
    echo "install.sh: $BUNDLE is already the installed copy; run the install.sh of a new bundle" >&2
    exit 2
fi
if [ -f "$MANIFEST" ]; then
    echo "install.sh: removing the previous install first"
    PREFIX=$PREFIX sh "$HERE/uninstall.sh" --quiet
fi
if [ -e "$APPDIR" ]; then
    echo "install.sh: $APPDIR exists but no manifest says netcrm installed it; remove it first" >&2
    exit 1
fi

# The manifest lists what we create: "d DIR" (folders that did not exist), "f FILE", "l LINK". It is
# written as we go and put in place even when the install fails half-way, so uninstall.sh can undo that.
PART=$(mktemp "${TMPDIR:-/tmp}/netcrm-manifest.XXXXXX")
finish() {
    if [ -f "$PART" ]; then
        mkdir -p "$(dirname "$MANIFEST")" && printf 'f %s\n' "$MANIFEST" >> "$PART" && mv "$PART" "$MANIFEST"
    fi
}
trap finish EXIT
record() { printf '%s %s\n' "$1" "$2" >> "$PART"; }
make_dir() {  # mkdir -p, recording each folder it creates (parents first)
    if [ ! -d "$1" ]; then
        make_dir "$(dirname "$1")"
        mkdir "$1"
        record d "$1"
    fi
}
put_file() {  # put_file SOURCE TARGET
    make_dir "$(dirname "$2")"
    cp "$1" "$2"
    chmod 644 "$2"
    record f "$2"
}

make_dir "$APPDIR"
cp -R "$BUNDLE/." "$APPDIR/"
find "$APPDIR" -mindepth 1 -type d | sort | while IFS= read -r dir; do record d "$dir"; done
find "$APPDIR" -mindepth 1 ! -type d | sort | while IFS= read -r file; do record f "$file"; done

make_dir "$BINDIR"
for program in netcrm netcrm-cli; do
    ln -sf "$APPDIR/$program" "$BINDIR/$program"
    record l "$BINDIR/$program"
done

for png in "$ICONS"/*/apps/netcrm.png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    put_file "$png" "$PREFIX/share/icons/hicolor/$size/apps/netcrm.png"
done

desktop_target=$PREFIX/share/applications/$APP_ID.desktop
make_dir "$(dirname "$desktop_target")"
sed_path=$(printf '%s' "$APPDIR" | sed 's/[|&]/\\&/g')
sed -e "s|^Exec=netcrm|Exec=\"$sed_path/netcrm\"|" -e "s|^TryExec=netcrm\$|TryExec=$sed_path/netcrm|" \
    "$DESKTOP" > "$desktop_target"
chmod 644 "$desktop_target"
record f "$desktop_target"

put_file "$METAINFO" "$PREFIX/share/metainfo/$APP_ID.metainfo.xml"

finish
trap - EXIT

echo "install.sh: netcrm is in $APPDIR; start it from your applications menu or with $BINDIR/netcrm"
case ":$PATH:" in
    *":$BINDIR:"*) ;;
    *) echo "install.sh: note: $BINDIR is not on your PATH" ;;
esac
