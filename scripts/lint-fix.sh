#!/bin/sh
# One-off for issue 17: bring the whole tree to the Biome style after every branch has merged
# (a mass reformat done once, on main, so no branch has to carry it). Afterwards `npm test`
# lints, and `npm run format` keeps the tree formatted.
#
#   sh scripts/lint-fix.sh && npx tsc --noEmit && npm test
#
# It writes: formatting, import order and Biome's safe fixes, then three unsafe fixes checked
# by hand on this code base (string concatenation -> template, `a && a.b` -> `a?.b`,
# type-only imports -> `import type`). It never removes unused imports by itself: an import
# that looks unused may be there for its side effect, so those are left for a person.
# Whatever the last command still prints is fixed by hand.
set -u
cd "$(dirname "$0")/.."
# The writing passes exit non-zero while anything is left to fix by hand; the last command says what.
npx biome check --write --max-diagnostics=0 . || :
npx biome lint --write --unsafe --max-diagnostics=0 --only=style/useTemplate --only=complexity/useOptionalChain --only=style/useImportType . || :
# Again: an unsafe fix can leave a line to re-wrap.
npx biome check --write --max-diagnostics=0 . || :
npx biome check --error-on-warnings .
