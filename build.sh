#!/usr/bin/env bash
# mamba2j build entry point.
#   ./build.sh run [ARGS]   build, then run the main job: the shipped Mamba-2 model on every device present
#                           (ARGS go to it: --device ID, --dtype bf16, --prompt TEXT; -Dname=value are JVM properties)
#   ./build.sh run CMD ...  any other command of the CLI: generate, compare, ssd, devices, sweep, model-bench, ...
#   ./build.sh help         this text and the CLI's commands
#   ./build.sh test         build and run every test
#   ./build.sh bench [ARGS] build, then run the benchmarks (JMH; see docs/)
#   ./build.sh test-bundle  jars of every module's classes and tests plus JUnit's console launcher in
#                           target/test-bundle/, with run-tests.sh: the suites on a machine that has only a JRE
set -euo pipefail
cd "$(dirname "$0")"

die() { echo "build.sh: $*" >&2; exit 1; }

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2; exit}'; }

# A JDK >= 25: JAVA_HOME, then Temurin 25's usual place, then `java` on PATH.
find_jdk() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 \
           "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    local v; v=$(java_major "$c")
    [ "${v%%.*}" -ge 25 ] 2>/dev/null && { echo "$c"; return 0; }
  done
  return 1
}

JAVA_HOME=$(find_jdk) || die "no JDK 25 or newer found (looked at JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64 and java on PATH).
Install one, e.g. 'apt-get install temurin-25-jdk' (Adoptium's Debian repository) or unpack a JDK 25 and set JAVA_HOME."
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

# The OpenCL ICD loader and PoCL (an OpenCL device on the CPU). Installed when missing and we are
# root with apt-get; otherwise say so: the runtime then falls back to the JVM driver.
ensure_opencl() {
  if ldconfig -p 2>/dev/null | grep -q 'libOpenCL.so.1' && ls /etc/OpenCL/vendors/*pocl* >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "build.sh: installing the OpenCL loader and PoCL (ocl-icd-libopencl1, pocl-opencl-icd)" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends ocl-icd-libopencl1 pocl-opencl-icd; } >/dev/null 2>&1 \
      || echo "build.sh: warning: could not install PoCL; OpenCL tests will report that no OpenCL device is present" >&2
  else
    echo "build.sh: note: PoCL/OpenCL loader missing and not root; run 'sudo apt-get install ocl-icd-libopencl1 pocl-opencl-icd' for the OpenCL CPU device" >&2
  fi
}

# The Vulkan loader, Mesa's lavapipe (a Vulkan device on the CPU) and spirv-val (which checks the printed
# SPIR-V in the tests). Installed like PoCL; without them the Vulkan device is reported absent, with the
# reason, and the SPIR-V validation tests say they were skipped.
ensure_vulkan() {
  if ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1' && ls /usr/share/vulkan/icd.d/lvp_icd*.json >/dev/null 2>&1 \
     && command -v spirv-val >/dev/null; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "build.sh: installing the Vulkan loader, lavapipe and the SPIR-V tools (libvulkan1, mesa-vulkan-drivers, spirv-tools)" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends libvulkan1 mesa-vulkan-drivers spirv-tools; } >/dev/null 2>&1 \
      || echo "build.sh: warning: could not install Vulkan/lavapipe; Vulkan tests will report that no Vulkan device is present" >&2
  else
    echo "build.sh: note: Vulkan loader, lavapipe or spirv-val missing and not root; run 'sudo apt-get install libvulkan1 mesa-vulkan-drivers spirv-tools' for the Vulkan CPU device" >&2
  fi
}

MVN=(./mvnw -B -ntp)
[ -n "${CI:-}" ] || MVN+=(-q)
JVM_FLAGS=(--enable-native-access=ALL-UNNAMED)
# OpenCL drivers (PoCL, vendor ICDs) may install signal handlers of their own in our process; HotSpot
# relies on its handlers, so its signal-chaining library goes first (seen: rare SIGSEGVs without it).
[ -f "$JAVA_HOME/lib/libjsig.so" ] && export LD_PRELOAD="$JAVA_HOME/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"

# Maven only when a source, resource or pom is newer than the CLI's jar.
build_jar() {
  local jar=benchmarks/target/benchmarks.jar
  if [ -f "$jar" ] && [ -z "$(find . -path ./.git -prune -o -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  "${MVN[@]}" -q install -DskipTests
}

cmd=${1:-run}; shift || true
case "$cmd" in
  test)
    ensure_opencl
    ensure_vulkan
    "${MVN[@]}" install
    ;;
  run)
    ensure_opencl
    ensure_vulkan
    build_jar
    # -Dname=value arguments are JVM properties; the rest go to the CLI, to its main job unless they name a command
    props=(); args=()
    for a in "$@"; do case "$a" in -D*) props+=("$a");; *) args+=("$a");; esac; done
    if [ ${#args[@]} -eq 0 ] || [[ "${args[0]}" == -* ]]; then args=(run "${args[@]}"); fi
    exec java "${JVM_FLAGS[@]}" "${props[@]}" -jar benchmarks/target/benchmarks.jar "${args[@]}"
    ;;
  help|-h|--help)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    [ -f benchmarks/target/benchmarks.jar ] && java "${JVM_FLAGS[@]}" -jar benchmarks/target/benchmarks.jar --help
    exit 0
    ;;
  bench)
    ensure_opencl
    ensure_vulkan
    build_jar
    exec java "${JVM_FLAGS[@]}" -jar benchmarks/target/benchmarks.jar bench "$@"
    ;;
  test-bundle)
    "${MVN[@]}" -q install -DskipTests
    out=target/test-bundle
    rm -rf "$out" && mkdir -p "$out"
    for m in tornado-api tornado-runtime tornado-kernels ssd-core hybrid-model verification; do
      jar cf "$out/$m.jar" -C "$m/target/classes" .
      [ -d "$m/target/test-classes" ] && jar cf "$out/$m-tests.jar" -C "$m/target/test-classes" .
    done
    "${MVN[@]}" -q -pl hybrid-model org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DexcludeGroupIds=dev.mamba2j -DoutputDirectory="$PWD/$out"
    "${MVN[@]}" -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.1 -DoutputDirectory="$out"
    cat > "$out/run-tests.sh" <<'RUN'
#!/usr/bin/env bash
# Runs every test of the bundle with the java given as $JAVA (default: java on PATH); extra args go to
# JUnit's console launcher (e.g. --reports-dir DIR, --include-classname '.*Conformance.*').
# The JRE needs the jdk.zipfs module (the launcher scans the test jars).
set -euo pipefail
cd "$(dirname "$0")"
cp=$(ls *.jar | grep -v junit-platform-console | tr '\n' ':')
scan=(); for t in *-tests.jar; do scan+=(--scan-classpath "$t"); done
java=${JAVA:-java}
jsig="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")/lib/libjsig.so"
[ -f "$jsig" ] && export LD_PRELOAD="$jsig${LD_PRELOAD:+:$LD_PRELOAD}"   # keeps HotSpot's signal handlers first
exec "$java" --enable-native-access=ALL-UNNAMED -Xms1g -Xmx4g -XX:+AlwaysPreTouch \
  -jar junit-platform-console-standalone-*.jar execute -cp "$cp" "${scan[@]}" --disable-banner "$@"
RUN
    chmod +x "$out/run-tests.sh"
    echo "test bundle in $out (run-tests.sh)"
    ;;
  *) die "unknown command '$cmd' (use run, test, bench, test-bundle or help)";;
esac
