#!/bin/sh
# Remove what install.sh installed, exactly: the paths listed in $PREFIX/opt/netcrm.manifest, files and
# links first, then the folders install.sh created (only when empty: anything else put there stays).
# PREFIX defaults to ~/.local. Your data (~/.local/share/netcrm) is never touched.
#
# Usage: uninstall.sh [--quiet]
set -eu

PREFIX=${PREFIX:-$HOME/.local}
MANIFEST=$PREFIX/opt/netcrm.manifest
QUIET=${1:-}

if [ ! -f "$MANIFEST" ]; then
    echo "uninstall.sh: no netcrm install found ($MANIFEST is missing)" >&2
    exit 1
fi

# Only PREFIX and paths below it are touched, whatever the manifest says.
inside() {
    case "$1" in
        */../* | */..) return 1 ;;
        "$PREFIX" | "$PREFIX"/*) return 0 ;;
        *) return 1 ;;
    esac
}

while IFS= read -r line; do
    kind=${line%% *}
    path=${line#* }
    inside "$path" || { echo "uninstall.sh: skipping $path (outside $PREFIX)" >&2; continue; }
    case "$kind" in
        f) [ "$path" = "$MANIFEST" ] || rm -f "$path" ;;
        l) if [ -L "$path" ]; then rm -f "$path"; fi ;;
    esac
done < "$MANIFEST"

# Folders deepest first, once the manifest itself is gone (it may sit in one of them).
DIRS=$(grep '^d ' "$MANIFEST" | cut -c3- | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-)
rm -f "$MANIFEST"
printf '%s\n' "$DIRS" | while IFS= read -r dir; do
    [ -n "$dir" ] && inside "$dir" || continue
    rmdir "$dir" 2>/dev/null || true
done
[ "$QUIET" = "--quiet" ] || echo "uninstall.sh: netcrm removed from $PREFIX"
