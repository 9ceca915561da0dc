@echo off
rem Windows: double-click. Starts Safer Cities Kit on the data folder "data" beside this file, or on a
rem folder dropped onto this file (or given as first argument). Nothing is installed and no administrator
rem rights are needed: temporary files go to <data>\tmp. A kit profile (kit-profile.json and
rem kit-profile.json.asc) beside this file is offered on the set-up page. The browser opens by itself.
setlocal
title Safer Cities Kit
set "HERE=%~dp0"
set "DATA=%HERE%data"
set "ARGS=%*"
if not "%~1"=="" if exist "%~1\*" if "%~2"=="" (
  set "DATA=%~f1"
  set "ARGS="
)
set "JAVA=%HERE%runtime-windows-x64\bin\java.exe"
if not exist "%JAVA%" (
  echo This stick has no Java runtime for Windows ^(folder runtime-windows-x64^). Ask your national forum for a stick that has one.
  pause
  exit /b 1
)
if not exist "%DATA%\tmp" mkdir "%DATA%\tmp"
if not exist "%DATA%\tmp" (
  echo Cannot create the data folder %DATA% ^(is the stick write-protected?^).
  pause
  exit /b 1
)
set "PROFILE="
if exist "%HERE%kit-profile.json" set PROFILE=--profile "%HERE%kit-profile.json"
echo Safer Cities Kit is starting. Keep this window open while you work; close it to stop the kit.
rem the JVM flags are those of scripts/jvm-flags.sh, written in by installers/build.sh
"%JAVA%" @JVM_FLAGS@ -XX:-UsePerfData "-Djava.io.tmpdir=%DATA%\tmp" -jar "%HERE%app\safercities-kit.jar" --data "%DATA%" --open-browser %PROFILE% %ARGS%
if errorlevel 1 pause
endlocal
