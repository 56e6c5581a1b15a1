; SPDX-License-Identifier: GPL-3.0-or-later
;
; The Windows installer of ParIndex (Debian's nsis, makensis 3.08), made by cross-build.sh:
;
;   makensis -DVERSION=0.1.0 -DSTAGE=/path/to/ParIndex -DOUTFILE=setup.exe -DICONDIR=dir parindex.nsi
;
; STAGE is the folder that the zip holds (bin\, share\). The installer copies it into
; Program Files\ParIndex, adds a Start-menu entry, opens .parindex files with parindex.exe
; (their icon: the second icon of parindex.exe) and registers an uninstaller in "Apps".
; Silent use: setup.exe /S [/D=C:\Folder]; uninstall.exe /S.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel admin
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION is not defined"
!endif
!ifndef STAGE
  !error "STAGE is not defined"
!endif
!ifndef OUTFILE
  !define OUTFILE "ParIndex-${VERSION}-windows-x86_64-setup.exe"
!endif

!define APP_NAME "ParIndex"
!define APP_ID "io.github.parindex.ParIndex"
!define PROG_ID "ParIndex.Workspace"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} ${VERSION} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "GPL-3.0-or-later"

!include "MUI2.nsh"
!include "x64.nsh"

!define MUI_ICON "${ICONDIR}\parindex.ico"
!define MUI_UNICON "${ICONDIR}\parindex.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\bin\parindex.exe"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Vietnamese first: the installer speaks the language of Windows when it is one of these.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString DESC_WORKSPACE ${LANG_VIETNAMESE} "Tệp dữ liệu ParIndex"
LangString DESC_WORKSPACE ${LANG_ENGLISH} "ParIndex workspace"
LangString DESC_COMMENT ${LANG_VIETNAMESE} "Chấm điểm Chỉ số cải cách hành chính"
LangString DESC_COMMENT ${LANG_ENGLISH} "Scoring of the Administrative Reform Index"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "ParIndex needs 64-bit Windows."
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "ParIndex" SecMain
  SectionIn RO
  SetShellVarContext all

  ; A previous version's files go first, so that no DLL of it is left behind.
  RMDir /r "$INSTDIR\bin"
  RMDir /r "$INSTDIR\share"

  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\bin\parindex.exe" "" \
    "$INSTDIR\bin\parindex.exe" 0 SW_SHOWNORMAL "" "$(DESC_COMMENT)"

  ; .parindex files open in the window.
  WriteRegStr HKLM "Software\Classes\.parindex" "" "${PROG_ID}"
  WriteRegStr HKLM "Software\Classes\.parindex" "Content Type" "application/x-parindex-workspace"
  WriteRegStr HKLM "Software\Classes\${PROG_ID}" "" "$(DESC_WORKSPACE)"
  WriteRegStr HKLM "Software\Classes\${PROG_ID}\DefaultIcon" "" '"$INSTDIR\bin\parindex.exe",1'
  WriteRegStr HKLM "Software\Classes\${PROG_ID}\shell\open\command" "" \
    '"$INSTDIR\bin\parindex.exe" "%1"'
  WriteRegStr HKLM "Software\Classes\Applications\parindex.exe\shell\open\command" "" \
    '"$INSTDIR\bin\parindex.exe" "%1"'
  ; SHCNE_ASSOCCHANGED: Explorer shows the new icon at once.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Apps & features
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "ParIndex"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\bin\parindex.exe",0'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext all

  Delete "$SMPROGRAMS\${APP_NAME}.lnk"

  ; The association, if it is still ours.
  ReadRegStr $0 HKLM "Software\Classes\.parindex" ""
  StrCmp $0 "${PROG_ID}" 0 +2
    DeleteRegKey HKLM "Software\Classes\.parindex"
  DeleteRegKey HKLM "Software\Classes\${PROG_ID}"
  DeleteRegKey HKLM "Software\Classes\Applications\parindex.exe"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKLM "${UNINSTALL_KEY}"

  ; Only what the installer put there: workspaces a clerk saved in this folder stay.
  RMDir /r "$INSTDIR\bin"
  RMDir /r "$INSTDIR\share"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd
