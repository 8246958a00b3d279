/*
 * TEST-ONLY: never shipped, never copied into a release.
 *
 * Rust's standard library on Windows draws random bytes from ProcessPrng in bcryptprimitives.dll.
 * Real Windows (10 and later, Server 2016 and later) has it; Debian's Wine 8 does not, so the .exe
 * would not start under Wine. scripts/test-windows.sh builds this shim into a bcryptprimitives.dll
 * next to the .exe in its temporary test directory, forwarding to RtlGenRandom (SystemFunction036),
 * which Wine provides.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
