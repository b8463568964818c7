@echo off
rem Starts the Astrid pack manifest language server, or one of its commands. Finds Java 17+
rem (ASTRID_JAVA_HOME, else JAVA_HOME, else java on PATH) and runs it with the flags in
rem lib\jvm.options, then %JAVA_OPTS% (later flags win). No class-data-sharing archive here:
rem it is made on the build machine and only that Java can use it.
setlocal EnableExtensions EnableDelayedExpansion
set "ASTRID_HOME=%~dp0.."

if "%~1"=="-h" goto usage
if "%~1"=="--help" goto usage

set "JAVA="
set "TRIED="
if defined ASTRID_JAVA_HOME (
  set "JAVA=%ASTRID_JAVA_HOME%\bin\java.exe"
  if not exist "!JAVA!" (
    echo astrid-pack-ls: ASTRID_JAVA_HOME is %ASTRID_JAVA_HOME%, but !JAVA! does not exist. Point it at a Java 17+ installation ^(the folder that contains bin\java.exe^). 1>&2
    exit /b 3
  )
  call :major "!JAVA!"
  if !MAJOR! LSS 17 (
    echo astrid-pack-ls: ASTRID_JAVA_HOME is %ASTRID_JAVA_HOME%, which is Java !MAJOR!; Java 17 or newer is needed. 1>&2
    exit /b 3
  )
  goto run
)
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" (
  call :major "%JAVA_HOME%\bin\java.exe"
  if !MAJOR! GEQ 17 (
    set "JAVA=%JAVA_HOME%\bin\java.exe"
    goto run
  )
  set "TRIED=!TRIED! Java !MAJOR! at %JAVA_HOME%\bin\java.exe;"
)
for /f "delims=" %%J in ('where java.exe 2^>nul') do (
  call :major "%%J"
  if !MAJOR! GEQ 17 (
    set "JAVA=%%J"
    goto run
  )
  set "TRIED=!TRIED! Java !MAJOR! at %%J;"
  goto nojava
)
:nojava
if defined TRIED (
  echo astrid-pack-ls: Java 17 or newer is needed. Found only:!TRIED! Install a JDK 17+ and set ASTRID_JAVA_HOME or JAVA_HOME to its folder. 1>&2
) else (
  echo astrid-pack-ls: Java 17 or newer is needed. No Java was found in JAVA_HOME or on PATH. Install a JDK 17+ and set ASTRID_JAVA_HOME or JAVA_HOME to its folder. 1>&2
)
exit /b 3

:run
rem The tuned flags, one per line; '#' starts a comment.
set "OPTS="
for /f "usebackq eol=# tokens=* delims=" %%L in ("%ASTRID_HOME%\lib\jvm.options") do set "OPTS=!OPTS! %%L"
"%JAVA%" !OPTS! %JAVA_OPTS% -jar "%ASTRID_HOME%\lib\astrid-pack-ls.jar" %*
exit /b %ERRORLEVEL%

:major
rem MAJOR := the major version that "java -version" prints: "17.0.15" is 17, "1.8.0_392" is 8.
set "MAJOR=0"
set "VERSION="
for /f "tokens=3" %%V in ('call "%~1" -XX:-UsePerfData -version 2^>^&1 ^| findstr /c:" version "') do (
  if not defined VERSION set "VERSION=%%~V"
)
if not defined VERSION exit /b 0
for /f "tokens=1,2 delims=.-+_" %%A in ("!VERSION!") do (
  if "%%A"=="1" (set "MAJOR=%%B") else (set "MAJOR=%%A")
)
exit /b 0

:usage
echo Usage: astrid-pack-ls [--stdio]                language server, LSP over stdin/stdout
echo        astrid-pack-ls check [OPTIONS] PATH...  check manifests, for CI (see check --help)
echo        astrid-pack-ls trust-summary PATH       print the trust summary of a pack
echo        astrid-pack-ls --version ^| --help
echo.
echo Environment:
echo   ASTRID_JAVA_HOME  the Java 17+ to use (else JAVA_HOME, else java on PATH)
echo   JAVA_OPTS         extra JVM flags, after the ones in lib\jvm.options
exit /b 0
