#!/usr/bin/env bash
# Builds the design system into static/ (the built files are committed, so running the
# platform needs no Node.js). Run it after changing frontend/scss/ or a version in package.json:
#   bash frontend/build.sh
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --ignore-scripts
out=../static
mkdir -p "$out/core" "$out/vendor/govuk-frontend" "$out/vendor/fonts"
npx sass --style=compressed --no-source-map --load-path=node_modules scss/gastvrij.scss "$out/core/gastvrij.css"
# Without its source map comment: the map is not shipped.
sed 's|//# sourceMappingURL=[^ ]*$||' node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js \
  >"$out/vendor/govuk-frontend/govuk-frontend.min.js"
for subset in latin latin-ext; do
  for weight in 400 700; do
    cp "node_modules/@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-$subset-$weight-normal.woff2" \
      "$out/vendor/fonts/"
  done
done
cp node_modules/@fontsource/atkinson-hyperlegible-next/LICENSE "$out/vendor/fonts/OFL.txt"
echo "Built $out/core/gastvrij.css ($(wc -c <"$out/core/gastvrij.css") bytes)"
