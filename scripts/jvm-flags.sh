# Sourced by run.sh and the benchmarks: prints the JVM flags the kit is started with.
# Why each flag: see docs/PERFORMANCE.md ("Launcher flags").
#  -Xmx128m            the kit must live in 128 MB of heap on a 2-4 GB office PC
#  -Xms48m -Xmn24m     start small and keep a fixed young generation: by default the heap is committed at its
#                      maximum from the start and old garbage fills it (RSS 211 MB after load, 186 MB with these;
#                      the live old generation is about 14 MB). 24 MB rather than 32 since pages are rendered with
#                      half the garbage (PageWriter): young collections are no more frequent than before, and the
#                      young generation, all of it resident, is 8 MB smaller (docs/RELIABILITY.md, "Memory")
#  -XX:+UseSerialGC    one GC thread and no concurrent-GC bookkeeping: less memory, faster start on 2 cores
#  -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20   the old generation grows only to 10-20 % above its live data
#                      rather than 40-70 %: request garbage promoted under load no longer expands it (RSS after load
#                      with all modules 204-206 MB -> see docs/RELIABILITY.md, "Memory")
#  -XX:-ShrinkHeapInSteps   after a full collection the old generation shrinks to that size at once, not by 10 %
#                      then 40 % over the next collections: with the kit's idle collection (platform.web.IdleMemory)
#                      RSS goes back from ~200 to ~175 MB when the office stops clicking
#  -XX:TrimNativeHeapInterval=5000   (JDK 22+) every 5 s, glibc's malloc gives back to the system the memory freed
#                      since: the C2 compiler's arenas peak at about 31 MB while it compiles the pages' code, and
#                      glibc kept all of it (RSS after the page load 222-254 MB -> 200-204 MB with this alone)
#  -XX:TieredStopAtLevel is NOT set: C2 keeps page throughput (C1 only: -30 MB, but half the requests/s)
#  AOT cache (JDK 25+) or a dynamic CDS archive (JDK 21-24) next to the jar: class loading and linking
#  done once, reused at every start.
jvm_flags() {   # $1 = java binary, $2 = jar path
  local java=$1 jar=$2 major cache
  major=${JAVA_MAJOR:-$(java_major "$java")}
  printf '%s\n' -Xmx128m -Xms48m -Xmn24m -Xss512k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 \
    -XX:-ShrinkHeapInSteps \
    -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m \
    -Dfile.encoding=UTF-8
  # a product flag from JDK 22 on (JDK 21 has it only as an experimental one)
  if [ "$major" -ge 22 ]; then printf '%s\n' -XX:TrimNativeHeapInterval=5000; fi
  if [ "${KIT_NO_AOT:-0}" = 1 ]; then return 0; fi
  if [ "$major" -ge 25 ]; then
    cache="${jar%.jar}.aot"
    # a cache older than the jar is never used: JDK 25 was seen to run the cached (old) classes of a rebuilt jar
    [ -f "$cache" ] && [ ! "$jar" -nt "$cache" ] \
      && printf '%s\n' "-XX:AOTCache=$cache" -Xlog:aot=off -Xlog:aot+codecache+stubs=off -Xlog:cds=off
  else
    printf '%s\n' "-XX:SharedArchiveFile=${jar%.jar}.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off
  fi
}
