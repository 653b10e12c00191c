# Sourced by setup.sh and test.sh: installs Debian packages that are missing, or, without
# root or sudo, says which they are and how to get them (and lets the Python side go on).

# install_system_packages PACKAGE...: installs what is missing, or says how to.
install_system_packages() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "No apt-get here: install with your package manager: $* (Fedora: pango harfbuzz" >&2
    echo "google-noto-serif-fonts google-noto-sans-fonts). 'otsreport doctor' checks them." >&2
    return 0
  fi
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "Missing system packages: ${missing[*]}" >&2
      echo "Install them as root with: apt-get install ${missing[*]}" >&2
      echo "(continuing with the Python side; 'otsreport doctor' says what is still missing)" >&2
      return 0
    fi
  fi
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
