// The part of libclang's stable C API (clang-c/Index.h) that schema-codegen uses to read C++ headers,
// declared here with the same layout so that nothing needs clang's headers or link flags: the library
// is opened at run time with dlopen (see clang_api_load).
#ifndef CLIBCLANG_H
#define CLIBCLANG_H

#include <stddef.h>

typedef struct {
    const void *data;
    unsigned private_flags;
} CXString;

typedef void *CXIndex;
typedef struct CXTranslationUnitImpl *CXTranslationUnit;
typedef void *CXClientData;
typedef void *CXFile;
typedef void *CXDiagnostic;
typedef void *CXEvalResult;

struct CXUnsavedFile {
    const char *Filename;
    const char *Contents;
    unsigned long Length;
};

typedef struct {
    const void *ptr_data[2];
    unsigned int_data;
} CXSourceLocation;

typedef struct {
    int kind;  // enum CXCursorKind
    int xdata;
    const void *data[3];
} CXCursor;

typedef struct {
    int kind;  // enum CXTypeKind
    void *data[2];
} CXType;

/// Returns an enum CXChildVisitResult: 0 break, 1 continue, 2 recurse.
typedef int (*CXCursorVisitor)(CXCursor cursor, CXCursor parent, CXClientData client_data);

/// The libclang functions schema-codegen calls, resolved with dlsym.
typedef struct {
    CXIndex (*clang_createIndex)(int excludeDeclarationsFromPCH, int displayDiagnostics);
    void (*clang_disposeIndex)(CXIndex index);
    int (*clang_parseTranslationUnit2)(CXIndex index, const char *source_filename, const char *const *command_line_args,
                                       int num_command_line_args, struct CXUnsavedFile *unsaved_files,
                                       unsigned num_unsaved_files, unsigned options, CXTranslationUnit *out_TU);
    void (*clang_disposeTranslationUnit)(CXTranslationUnit unit);
    CXCursor (*clang_getTranslationUnitCursor)(CXTranslationUnit unit);
    unsigned (*clang_visitChildren)(CXCursor parent, CXCursorVisitor visitor, CXClientData client_data);
    int (*clang_getCursorKind)(CXCursor cursor);
    CXString (*clang_getCursorSpelling)(CXCursor cursor);
    const char *(*clang_getCString)(CXString string);
    void (*clang_disposeString)(CXString string);
    CXSourceLocation (*clang_getCursorLocation)(CXCursor cursor);
    void (*clang_getExpansionLocation)(CXSourceLocation location, CXFile *file, unsigned *line, unsigned *column,
                                       unsigned *offset);
    CXString (*clang_getFileName)(CXFile file);
    int (*clang_Location_isFromMainFile)(CXSourceLocation location);
    CXType (*clang_getCursorType)(CXCursor cursor);
    CXString (*clang_getTypeSpelling)(CXType type);
    CXType (*clang_getCanonicalType)(CXType type);
    int (*clang_Type_getNumTemplateArguments)(CXType type);
    CXType (*clang_Type_getTemplateArgumentAsType)(CXType type, unsigned index);
    CXCursor (*clang_getTypeDeclaration)(CXType type);
    long long (*clang_Type_getSizeOf)(CXType type);
    CXCursor (*clang_getSpecializedCursorTemplate)(CXCursor cursor);
    CXCursor (*clang_getCursorSemanticParent)(CXCursor cursor);
    unsigned (*clang_isCursorDefinition)(CXCursor cursor);
    unsigned (*clang_getNumDiagnostics)(CXTranslationUnit unit);
    CXDiagnostic (*clang_getDiagnostic)(CXTranslationUnit unit, unsigned index);
    int (*clang_getDiagnosticSeverity)(CXDiagnostic diagnostic);
    CXString (*clang_getDiagnosticSpelling)(CXDiagnostic diagnostic);
    CXSourceLocation (*clang_getDiagnosticLocation)(CXDiagnostic diagnostic);
    void (*clang_disposeDiagnostic)(CXDiagnostic diagnostic);
    CXEvalResult (*clang_Cursor_Evaluate)(CXCursor cursor);
    int (*clang_EvalResult_getKind)(CXEvalResult result);
    long long (*clang_EvalResult_getAsLongLong)(CXEvalResult result);
    unsigned (*clang_EvalResult_isUnsignedInt)(CXEvalResult result);
    unsigned long long (*clang_EvalResult_getAsUnsigned)(CXEvalResult result);
    double (*clang_EvalResult_getAsDouble)(CXEvalResult result);
    const char *(*clang_EvalResult_getAsStr)(CXEvalResult result);
    void (*clang_EvalResult_dispose)(CXEvalResult result);
    CXString (*clang_Cursor_getRawCommentText)(CXCursor cursor);
} CLibClangAPI;

/// Opens the libclang at `path` and resolves every function of `api`. Returns 0 on success; otherwise
/// writes why into `error` (dlerror's message or the missing symbol) and returns -1.
int clang_api_load(const char *path, CLibClangAPI *api, char *error, size_t error_size);

#endif
