#compdef frontline

__frontline_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__frontline_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __frontline_complete "${completions[@]:0:-1}"
    fi
}

__frontline_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_frontline() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'render:Draw the map of an article.'
            'places:List the places an article names, each joined to coordinates with the reason.'
            'claims:Read who holds, took, besieges or advances on what, with the sentence behind each claim.'
            'measure:Check the distances an article states, or measure between two places.'
            'compare:Draw before and after side by side: one article'\''s own phases, or two articles or claims files.'
            'report:Write a report: each article'\''s map, caption, alt text, claims table with evidence, and distance checks.'
            'batch:Render many articles (files or folders of .txt): each one'\''s map and claims file, on all cores.'
            'gazetteer:Maintain the committed gazetteer and the cache of GeoNames countries.'
            'basemap:Maintain a basemap folder.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        render|places|claims|measure|compare|report|batch|gazetteer|basemap|help)
            "_frontline_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_frontline_render() {
    local -i ret=1
    local -ar arg_specs=(
        ':ARTICLE:'
        '(--output -o)'{--output,-o}'[Output path; the format'\''s extension is added or replaced (default\: output/<article-name>).]:PATH:'
        '--format[Comma-separated formats\: png, svg, pdf. Example\: --format png,svg]:LIST:'
        '--width[Width in pixels (PNG) or points (SVG, PDF), 300–8000. Example\: --width 1200]:PX:'
        '--height[Height, 200–8000; default\: from the shape of the map. Example\: --height 1000]:PX:'
        '--size[Size in pixels or millimetres, overriding --width/--height. Examples\: --size 1200x800, --size 170x120mm]:SIZE:'
        '--dpi[Dots per inch for a size in mm (default 300); recorded in the PNG. Example\: --dpi 600]:DPI:'
        '--preset[A named size\: column (85 mm at 300 dpi), page (180 mm at 300 dpi), slide (1920x1080), screen (1600 px). Example\: --preset column]:NAME:'
        '--bbox[A fixed extent minLon,minLat,maxLon,maxLat in degrees. Example\: --bbox 36.5,35.5,39,37]:BOX:'
        '--inset[A locator inset showing where the map lies in its country or region\: auto (in a corner free of places, legend and measured lines; left out when none is) or off. Example\: --inset off]:auto|off:'
        '*--actors[An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. Repeatable. Example\: --actors my-actors.json]:FILE:'
        '*--gazetteer[A gazetteer to add\: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon\[,country,kind,aliases\]. Repeatable; later files add to and override earlier ones. Example\: --gazetteer villages.csv]:FILE:'
        '--shapes[Folder of the basemap and gazetteer (default\: $FRONTLINE_SHAPES, ./Shapes, the package'\''s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).]:DIR:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_places() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'geojson')
    local -ar arg_specs=(
        ':ARTICLE:'
        '--format[table (for a terminal), json, or geojson (RFC 7946). Example\: --format json]:FORMAT:{__frontline_complete "${___format[@]}"}'
        '*--gazetteer[A gazetteer to add\: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon\[,country,kind,aliases\]. Repeatable; later files add to and override earlier ones. Example\: --gazetteer villages.csv]:FILE:'
        '--shapes[Folder of the basemap and gazetteer (default\: $FRONTLINE_SHAPES, ./Shapes, the package'\''s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).]:DIR:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_claims() {
    local -i ret=1
    local -ar ___format=('table' 'json')
    local -ar arg_specs=(
        ':ARTICLE:'
        '--format[table or json. Example\: --format json]:FORMAT:{__frontline_complete "${___format[@]}"}'
        '*--actors[An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. Repeatable. Example\: --actors my-actors.json]:FILE:'
        '*--gazetteer[A gazetteer to add\: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon\[,country,kind,aliases\]. Repeatable; later files add to and override earlier ones. Example\: --gazetteer villages.csv]:FILE:'
        '--shapes[Folder of the basemap and gazetteer (default\: $FRONTLINE_SHAPES, ./Shapes, the package'\''s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).]:DIR:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_measure() {
    local -i ret=1
    local -ar ___format=('table' 'json')
    local -ar arg_specs=(
        ':ARTICLE:'
        '--from[A place to measure from (any common spelling). Example\: --from Manbij]:PLACE:'
        '--to[A place to measure to. Example\: --to Falluja]:PLACE:'
        '--along[Measure along this river. Example\: --along Euphrates]:RIVER:'
        '--border[Measure along the border of two countries. Example\: --border SY-TR]:CC-CC:'
        '--format[table or json. Example\: --format json]:FORMAT:{__frontline_complete "${___format[@]}"}'
        '--tolerance[Percent difference still called consistent (default 10). Example\: --tolerance 15]:PERCENT:'
        '*--gazetteer[A gazetteer to add\: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon\[,country,kind,aliases\]. Repeatable; later files add to and override earlier ones. Example\: --gazetteer villages.csv]:FILE:'
        '--shapes[Folder of the basemap and gazetteer (default\: $FRONTLINE_SHAPES, ./Shapes, the package'\''s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).]:DIR:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_compare() {
    local -i ret=1
    local -ar arg_specs=(
        '*:INPUT:'
        '(--output -o)'{--output,-o}'[Output path; the format'\''s extension is added or replaced. Example\: -o output/compare]:PATH:'
        '--format[Comma-separated formats\: png, svg, pdf. Example\: --format png,svg]:LIST:'
        '--width[Width in pixels, 600–8000 (default 2400). Example\: --width 2000]:PX:'
        '--inset[A locator inset showing where the map lies in its country or region\: auto (in a corner free of places, legend and measured lines; left out when none is) or off. Example\: --inset off]:auto|off:'
        '*--actors[An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. Repeatable. Example\: --actors my-actors.json]:FILE:'
        '*--gazetteer[A gazetteer to add\: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon\[,country,kind,aliases\]. Repeatable; later files add to and override earlier ones. Example\: --gazetteer villages.csv]:FILE:'
        '--shapes[Folder of the basemap and gazetteer (default\: $FRONTLINE_SHAPES, ./Shapes, the package'\''s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).]:DIR:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_report() {
    local -i ret=1
    local -ar arg_specs=(
        '*:ARTICLE:'
        '(--output -o)'{--output,-o}'[The report\: a .html or .md path. Example\: -o output/report.html]:PATH:'
        '--width[Map width in pixels, 300–8000 (default 1600). Example\: --width 1200]:PX:'
        '*--actors[An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. Repeatable. Example\: --actors my-actors.json]:FILE:'
        '*--gazetteer[A gazetteer to add\: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon\[,country,kind,aliases\]. Repeatable; later files add to and override earlier ones. Example\: --gazetteer villages.csv]:FILE:'
        '--shapes[Folder of the basemap and gazetteer (default\: $FRONTLINE_SHAPES, ./Shapes, the package'\''s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).]:DIR:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_batch() {
    local -i ret=1
    local -ar arg_specs=(
        '*:INPUT:'
        '(--output -o)'{--output,-o}'[The folder for the maps and claims files. Example\: -o output/batch]:DIR:'
        '--jobs[Articles rendered at once (default\: the number of cores). Example\: --jobs 2]:N:'
        '--shard[Only the K-th of N parts of the inputs. Example\: --shard 1/4]:K/N:'
        '--width[Map width in pixels, 300–8000 (default 1600). Example\: --width 1200]:PX:'
        '*--actors[An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. Repeatable. Example\: --actors my-actors.json]:FILE:'
        '*--gazetteer[A gazetteer to add\: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon\[,country,kind,aliases\]. Repeatable; later files add to and override earlier ones. Example\: --gazetteer villages.csv]:FILE:'
        '--shapes[Folder of the basemap and gazetteer (default\: $FRONTLINE_SHAPES, ./Shapes, the package'\''s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).]:DIR:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_gazetteer() {
    local -i ret=1
    local -ar arg_specs=(
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'compile:Rebuild Shapes/gazetteer.index from gazetteer.tsv and gazetteer-supplement.tsv.'
            'lookup:Show the gazetteer entries a name can mean.'
            'add:Download GeoNames country dumps into the user'\''s gazetteer cache.'
            'list:List the countries in the user'\''s gazetteer cache.'
            'remove:Remove countries from the user'\''s gazetteer cache.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        compile|lookup|add|list|remove)
            "_frontline_gazetteer_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_frontline_gazetteer_compile() {
    local -i ret=1
    local -ar arg_specs=(
        '--shapes[Folder of the basemap and gazetteer (default\: $FRONTLINE_SHAPES, ./Shapes, the package'\''s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).]:DIR:'
        '(--output -o)'{--output,-o}'[Where to write (default\: <shapes>/gazetteer.index).]:PATH:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_gazetteer_lookup() {
    local -i ret=1
    local -ar arg_specs=(
        ':name:'
        '--shapes[Folder of the basemap and gazetteer (default\: $FRONTLINE_SHAPES, ./Shapes, the package'\''s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).]:DIR:'
        '*--gazetteer[A user gazetteer to add (repeatable).]:FILE:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_gazetteer_add() {
    local -i ret=1
    local -ar arg_specs=(
        '*:CC:'
        '--url[The URL to download, {CC} standing for the code (default\: $FRONTLINE_GEONAMES_URL, else https\://download.geonames.org/export/dump/{CC}.zip). Example\: --url http\://127.0.0.1\:8000/{CC}.zip]:TEMPLATE:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_gazetteer_list() {
    local -i ret=1
    local -ar arg_specs=(
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_gazetteer_remove() {
    local -i ret=1
    local -ar arg_specs=(
        '*:CC:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_basemap() {
    local -i ret=1
    local -ar arg_specs=(
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'index:Write a spatial index (.qix) beside each layer of a basemap.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        index)
            "_frontline_basemap_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_frontline_basemap_index() {
    local -i ret=1
    local -ar arg_specs=(
        '--shapes[The basemap folder to index (required\: the committed one is read whole).]:DIR:'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_frontline_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _frontline ]]; then
    _frontline "${@}"
else
    compdef _frontline frontline
fi
