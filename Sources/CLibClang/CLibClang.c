#include "CLibClang.h"

#include <dlfcn.h>
#include <stdio.h>

int clang_api_load(const char *path, CLibClangAPI *api, char *error, size_t error_size) {
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(error, error_size, "%s", dlerror());
        return -1;
    }
#define RESOLVE(name)                                                                       \
    do {                                                                                    \
        *(void **)(&api->name) = dlsym(library, #name);                                     \
        if (api->name == NULL) {                                                            \
            snprintf(error, error_size, "%s has no function " #name, path);                 \
            dlclose(library);                                                               \
            return -1;                                                                      \
        }                                                                                   \
    } while (0)
    RESOLVE(clang_createIndex);
    RESOLVE(clang_disposeIndex);
    RESOLVE(clang_parseTranslationUnit2);
    RESOLVE(clang_disposeTranslationUnit);
    RESOLVE(clang_getTranslationUnitCursor);
    RESOLVE(clang_visitChildren);
    RESOLVE(clang_getCursorKind);
    RESOLVE(clang_getCursorSpelling);
    RESOLVE(clang_getCString);
    RESOLVE(clang_disposeString);
    RESOLVE(clang_getCursorLocation);
    RESOLVE(clang_getExpansionLocation);
    RESOLVE(clang_getFileName);
    RESOLVE(clang_Location_isFromMainFile);
    RESOLVE(clang_getCursorType);
    RESOLVE(clang_getTypeSpelling);
    RESOLVE(clang_getCanonicalType);
    RESOLVE(clang_Type_getNumTemplateArguments);
    RESOLVE(clang_Type_getTemplateArgumentAsType);
    RESOLVE(clang_getTypeDeclaration);
    RESOLVE(clang_Type_getSizeOf);
    RESOLVE(clang_getSpecializedCursorTemplate);
    RESOLVE(clang_getCursorSemanticParent);
    RESOLVE(clang_isCursorDefinition);
    RESOLVE(clang_getNumDiagnostics);
    RESOLVE(clang_getDiagnostic);
    RESOLVE(clang_getDiagnosticSeverity);
    RESOLVE(clang_getDiagnosticSpelling);
    RESOLVE(clang_getDiagnosticLocation);
    RESOLVE(clang_disposeDiagnostic);
    RESOLVE(clang_Cursor_Evaluate);
    RESOLVE(clang_EvalResult_getKind);
    RESOLVE(clang_EvalResult_getAsLongLong);
    RESOLVE(clang_EvalResult_isUnsignedInt);
    RESOLVE(clang_EvalResult_getAsUnsigned);
    RESOLVE(clang_EvalResult_getAsDouble);
    RESOLVE(clang_EvalResult_getAsStr);
    RESOLVE(clang_EvalResult_dispose);
    RESOLVE(clang_Cursor_getRawCommentText);
#undef RESOLVE
    return 0;
}
