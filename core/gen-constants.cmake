# Writes core/constants.json as a C++ header: cmake -DIN=constants.json -DOUT=constants.hpp -P gen-constants.cmake
# Each member becomes `kb::constants::k<Name>`: a whole number an int, a
# string a std::string_view, a list of strings an array of them, true/false a
# bool. Anything else is refused, so the file stays simple for the JS side too.
cmake_minimum_required(VERSION 3.19)  # string(JSON)

file(READ "${IN}" json)
string(JSON count LENGTH "${json}")
set(body "")
math(EXPR last "${count} - 1")

# A C++ string literal of `text`.
function(cpp_literal text out)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

foreach(i RANGE ${last})
  string(JSON key MEMBER "${json}" ${i})
  if(NOT key MATCHES "^[a-z][A-Za-z0-9]*$")
    message(FATAL_ERROR "${IN}: '${key}' is not a camelCase name")
  endif()
  string(SUBSTRING "${key}" 0 1 first)
  string(TOUPPER "${first}" first)
  string(SUBSTRING "${key}" 1 -1 rest)
  set(name "k${first}${rest}")
  string(JSON type TYPE "${json}" "${key}")
  string(JSON value GET "${json}" "${key}")
  if(type STREQUAL "NUMBER" AND value MATCHES "^-?[0-9]+$")
    string(APPEND body "inline constexpr int ${name} = ${value};  // ${key}\n")
  elseif(type STREQUAL "BOOLEAN")
    string(TOLOWER "${value}" value)
    string(APPEND body "inline constexpr bool ${name} = ${value};  // ${key}\n")
  elseif(type STREQUAL "STRING")
    cpp_literal("${value}" literal)
    string(APPEND body "inline constexpr std::string_view ${name} = ${literal};  // ${key}\n")
  elseif(type STREQUAL "ARRAY")
    string(JSON n LENGTH "${json}" "${key}")
    set(items "")
    if(n GREATER 0)
      math(EXPR last_item "${n} - 1")
      foreach(j RANGE ${last_item})
        string(JSON item_type TYPE "${json}" "${key}" ${j})
        if(NOT item_type STREQUAL "STRING")
          message(FATAL_ERROR "${IN}: '${key}' must hold strings only")
        endif()
        string(JSON item GET "${json}" "${key}" ${j})
        cpp_literal("${item}" literal)
        list(APPEND items "${literal}")
      endforeach()
    endif()
    list(JOIN items ", " items)
    string(APPEND body "inline constexpr std::string_view ${name}[] = {${items}};  // ${key}\n")
  else()
    message(FATAL_ERROR "${IN}: '${key}' must be a whole number, a string, a list of strings or true/false")
  endif()
endforeach()

set(header "#pragma once
// Generated from core/constants.json by core/gen-constants.cmake: edit the
// JSON, not this file. The values the engine shares with the JavaScript front end.
#include <string_view>

namespace kb::constants {

${body}
}  // namespace kb::constants
")
file(WRITE "${OUT}" "${header}")
