@echo off
rem lae command line for Windows (cmd.exe): the same two jobs as ./lae. It finds a Java 25, builds the
rem self-contained jar when it is missing, then runs java -jar lae-examples\target\lae.jar with the arguments.
rem Everything else (ND4J's backend, the native environment, the data folder, lae fetch) is the jar's own.
rem Java: LAE_JAVA (a java.exe or a Java home), else JAVA_HOME, else java on PATH; each must be Java 25 or newer,
rem and building needs a JDK 25 (javac beside java). The build runs mvnw.cmd beside this script if there is one,
rem else mvn on PATH. After changing the sources, rebuild with: mvn -DskipTests package
rem LAE_JAR=FILE runs FILE as it is; LAE_JAVA_OPTS adds JVM options (e.g. -Xmx16g).
rem lae stats --engine spark needs the Spark flavour, which ./lae runs (Linux, macOS).
setlocal EnableExtensions DisableDelayedExpansion
set "root=%~dp0"
set "root=%root:~0,-1%"
set "java="

if not defined LAE_JAVA goto :try_java_home
set "candidate=%LAE_JAVA%"
if exist "%LAE_JAVA%\bin\java.exe" set "candidate=%LAE_JAVA%\bin\java.exe"
call :is_java25 "%candidate%"
if errorlevel 1 goto :bad_lae_java
set "java=%candidate%"
goto :have_java

:try_java_home
if not defined JAVA_HOME goto :try_path
if not exist "%JAVA_HOME%\bin\java.exe" goto :try_path
call :is_java25 "%JAVA_HOME%\bin\java.exe"
if errorlevel 1 goto :try_path
set "java=%JAVA_HOME%\bin\java.exe"
goto :have_java

:try_path
set "candidate="
for /f "delims=" %%j in ('where java 2^>nul') do if not defined candidate set "candidate=%%j"
if not defined candidate goto :no_java
call :is_java25 "%candidate%"
if errorlevel 1 goto :no_java
set "java=%candidate%"

:have_java
if defined LAE_JAR goto :given_jar
set "jar=%root%\lae-examples\target\lae.jar"
if exist "%root%\lae-nd4j-cuda\target\lae-nd4j-cuda.jar" set "jar=%root%\lae-nd4j-cuda\target\lae-nd4j-cuda.jar"
if exist "%jar%" goto :run
goto :build

:given_jar
set "jar=%LAE_JAR%"
if exist "%jar%" goto :run
>&2 echo lae: LAE_JAR=%LAE_JAR%: no such file; unset LAE_JAR to build and run the repository's jar
exit /b 2

:build
rem the Java home: the folder above bin\ of the java executable
for %%i in ("%java%") do set "bin=%%~dpi"
for %%i in ("%bin:~0,-1%") do set "java_home=%%~dpi"
set "java_home=%java_home:~0,-1%"
if exist "%java_home%\bin\javac.exe" goto :find_maven
>&2 echo lae: building lae-examples\target\lae.jar needs a JDK 25, and %java_home% has no javac; set LAE_JAVA or JAVA_HOME to a JDK 25
exit /b 3
:find_maven
set "mvn="
if exist "%root%\mvnw.cmd" set "mvn=%root%\mvnw.cmd"
if defined mvn goto :run_maven
for /f "delims=" %%m in ('where mvn.cmd 2^>nul') do if not defined mvn set "mvn=%%m"
if defined mvn goto :run_maven
>&2 echo lae: building lae-examples\target\lae.jar needs Maven 3.8 or newer: install it and put its bin folder on PATH
exit /b 3
:run_maven
>&2 echo lae: building lae-examples\target\lae.jar (first use; needs Maven and JDK 25; the first build downloads about 250 MB into %USERPROFILE%\.m2)...
set "log=%TEMP%\lae-build-%RANDOM%.log"
set "JAVA_HOME=%java_home%"
pushd "%root%"
call "%mvn%" -B -ntp -DskipTests package >"%log%" 2>&1
set "built=%errorlevel%"
popd
if "%built%"=="0" goto :built
>&2 findstr /c:"ERROR" /c:"BUILD" "%log%"
>&2 echo lae: build failed; full log: %log%
exit /b 3
:built
del "%log%" >nul 2>&1

:run
rem --sun-misc-unsafe-memory-access=allow: JavaCPP's indexers use sun.misc.Unsafe, which JDK 25 warns about otherwise
"%java%" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow %LAE_JAVA_OPTS% -jar "%jar%" %*
exit /b %errorlevel%

:bad_lae_java
>&2 echo lae: LAE_JAVA=%LAE_JAVA% is not a Java 25 (java.exe or Java home); point it at a JDK 25 or unset it
exit /b 2

:no_java
>&2 echo lae: needs Java 25 and found none (LAE_JAVA, JAVA_HOME, java on PATH); install a JDK 25 and set JAVA_HOME or LAE_JAVA to it
exit /b 2

rem Sets errorlevel 0 when %1 is a java executable of version 25 or newer, else 1.
:is_java25
if not exist "%~1" exit /b 1
set "version_file=%TEMP%\lae-java-version-%RANDOM%.txt"
"%~1" -version 2>"%version_file%"
set "version="
for /f "usebackq tokens=3" %%v in (`findstr /c:" version " "%version_file%"`) do if not defined version set "version=%%~v"
del "%version_file%" >nul 2>&1
if not defined version exit /b 1
set "major="
for /f "delims=.-+" %%m in ("%version%") do set "major=%%m"
if not defined major exit /b 1
if %major% GEQ 25 exit /b 0
exit /b 1
