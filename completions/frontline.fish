function __frontline_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __frontline_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __frontline_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __frontline_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __frontline_parse_tokens -S
    set -l unparsed_tokens (__frontline_tokens -pc)
    switch $unparsed_tokens[1]
    case 'frontline'
        __frontline_parse_subcommand 0 'h/help'
        switch $unparsed_tokens[1]
        case 'render'
            __frontline_parse_subcommand 1 'o/output=' 'format=' 'width=' 'height=' 'size=' 'dpi=' 'preset=' 'bbox=' 'inset=' 'actors=+' 'gazetteer=+' 'shapes=' 'h/help'
        case 'places'
            __frontline_parse_subcommand 1 'format=' 'gazetteer=+' 'shapes=' 'h/help'
        case 'claims'
            __frontline_parse_subcommand 1 'format=' 'actors=+' 'gazetteer=+' 'shapes=' 'h/help'
        case 'measure'
            __frontline_parse_subcommand 1 'from=' 'to=' 'along=' 'border=' 'format=' 'tolerance=' 'gazetteer=+' 'shapes=' 'h/help'
        case 'compare'
            __frontline_parse_subcommand -r 1 'o/output=' 'format=' 'width=' 'inset=' 'actors=+' 'gazetteer=+' 'shapes=' 'h/help'
        case 'report'
            __frontline_parse_subcommand -r 1 'o/output=' 'width=' 'actors=+' 'gazetteer=+' 'shapes=' 'h/help'
        case 'batch'
            __frontline_parse_subcommand -r 1 'o/output=' 'jobs=' 'shard=' 'width=' 'actors=+' 'gazetteer=+' 'shapes=' 'h/help'
        case 'gazetteer'
            __frontline_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'compile'
                __frontline_parse_subcommand 0 'shapes=' 'o/output=' 'h/help'
            case 'lookup'
                __frontline_parse_subcommand 1 'shapes=' 'gazetteer=+' 'h/help'
            case 'add'
                __frontline_parse_subcommand -r 1 'url=' 'h/help'
            case 'list'
                __frontline_parse_subcommand 0 'h/help'
            case 'remove'
                __frontline_parse_subcommand -r 1 'h/help'
            end
        case 'basemap'
            __frontline_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'index'
                __frontline_parse_subcommand 0 'shapes=' 'h/help'
            end
        case 'help'
            __frontline_parse_subcommand -r 1 
        end
    end
end

function __frontline_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __frontline_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __frontline_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __frontline_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__frontline_tokens -p)
    if test -z "$(__frontline_tokens -t)"
        set -l index (count (__frontline_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'frontline' -f
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline" -eq 1' -fa 'render' -d 'Draw the map of an article.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline" -eq 1' -fa 'places' -d 'List the places an article names, each joined to coordinates with the reason.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline" -eq 1' -fa 'claims' -d 'Read who holds, took, besieges or advances on what, with the sentence behind each claim.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline" -eq 1' -fa 'measure' -d 'Check the distances an article states, or measure between two places.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline" -eq 1' -fa 'compare' -d 'Draw before and after side by side: one article\'s own phases, or two articles or claims files.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline" -eq 1' -fa 'report' -d 'Write a report: each article\'s map, caption, alt text, claims table with evidence, and distance checks.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline" -eq 1' -fa 'batch' -d 'Render many articles (files or folders of .txt): each one\'s map and claims file, on all cores.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline" -eq 1' -fa 'gazetteer' -d 'Maintain the committed gazetteer and the cache of GeoNames countries.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline" -eq 1' -fa 'basemap' -d 'Maintain a basemap folder.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" o output' -l 'output' -s 'o' -d 'Output path; the format\'s extension is added or replaced (default: output/<article-name>).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" format' -l 'format' -d 'Comma-separated formats: png, svg, pdf. Example: --format png,svg' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" width' -l 'width' -d 'Width in pixels (PNG) or points (SVG, PDF), 300–8000. Example: --width 1200' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" height' -l 'height' -d 'Height, 200–8000; default: from the shape of the map. Example: --height 1000' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" size' -l 'size' -d 'Size in pixels or millimetres, overriding --width/--height. Examples: --size 1200x800, --size 170x120mm' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" dpi' -l 'dpi' -d 'Dots per inch for a size in mm (default 300); recorded in the PNG. Example: --dpi 600' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" preset' -l 'preset' -d 'A named size: column (85 mm at 300 dpi), page (180 mm at 300 dpi), slide (1920x1080), screen (1600 px). Example: --preset column' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" bbox' -l 'bbox' -d 'A fixed extent minLon,minLat,maxLon,maxLat in degrees. Example: --bbox 36.5,35.5,39,37' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" inset' -l 'inset' -d 'A locator inset showing where the map lies in its country or region: auto (in a corner free of places, legend and measured lines; left out when none is) or off. Example: --inset off' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render"' -l 'actors' -d 'An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. Repeatable. Example: --actors my-actors.json' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render"' -l 'gazetteer' -d 'A gazetteer to add: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon[,country,kind,aliases]. Repeatable; later files add to and override earlier ones. Example: --gazetteer villages.csv' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" shapes' -l 'shapes' -d 'Folder of the basemap and gazetteer (default: $FRONTLINE_SHAPES, ./Shapes, the package\'s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline render" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline places" format' -l 'format' -d 'table (for a terminal), json, or geojson (RFC 7946). Example: --format json' -rfka 'table json geojson'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline places"' -l 'gazetteer' -d 'A gazetteer to add: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon[,country,kind,aliases]. Repeatable; later files add to and override earlier ones. Example: --gazetteer villages.csv' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline places" shapes' -l 'shapes' -d 'Folder of the basemap and gazetteer (default: $FRONTLINE_SHAPES, ./Shapes, the package\'s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline places" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline claims" format' -l 'format' -d 'table or json. Example: --format json' -rfka 'table json'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline claims"' -l 'actors' -d 'An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. Repeatable. Example: --actors my-actors.json' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline claims"' -l 'gazetteer' -d 'A gazetteer to add: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon[,country,kind,aliases]. Repeatable; later files add to and override earlier ones. Example: --gazetteer villages.csv' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline claims" shapes' -l 'shapes' -d 'Folder of the basemap and gazetteer (default: $FRONTLINE_SHAPES, ./Shapes, the package\'s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline claims" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline measure" from' -l 'from' -d 'A place to measure from (any common spelling). Example: --from Manbij' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline measure" to' -l 'to' -d 'A place to measure to. Example: --to Falluja' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline measure" along' -l 'along' -d 'Measure along this river. Example: --along Euphrates' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline measure" border' -l 'border' -d 'Measure along the border of two countries. Example: --border SY-TR' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline measure" format' -l 'format' -d 'table or json. Example: --format json' -rfka 'table json'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline measure" tolerance' -l 'tolerance' -d 'Percent difference still called consistent (default 10). Example: --tolerance 15' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline measure"' -l 'gazetteer' -d 'A gazetteer to add: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon[,country,kind,aliases]. Repeatable; later files add to and override earlier ones. Example: --gazetteer villages.csv' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline measure" shapes' -l 'shapes' -d 'Folder of the basemap and gazetteer (default: $FRONTLINE_SHAPES, ./Shapes, the package\'s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline measure" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline compare" o output' -l 'output' -s 'o' -d 'Output path; the format\'s extension is added or replaced. Example: -o output/compare' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline compare" format' -l 'format' -d 'Comma-separated formats: png, svg, pdf. Example: --format png,svg' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline compare" width' -l 'width' -d 'Width in pixels, 600–8000 (default 2400). Example: --width 2000' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline compare" inset' -l 'inset' -d 'A locator inset showing where the map lies in its country or region: auto (in a corner free of places, legend and measured lines; left out when none is) or off. Example: --inset off' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline compare"' -l 'actors' -d 'An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. Repeatable. Example: --actors my-actors.json' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline compare"' -l 'gazetteer' -d 'A gazetteer to add: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon[,country,kind,aliases]. Repeatable; later files add to and override earlier ones. Example: --gazetteer villages.csv' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline compare" shapes' -l 'shapes' -d 'Folder of the basemap and gazetteer (default: $FRONTLINE_SHAPES, ./Shapes, the package\'s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline compare" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline report" o output' -l 'output' -s 'o' -d 'The report: a .html or .md path. Example: -o output/report.html' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline report" width' -l 'width' -d 'Map width in pixels, 300–8000 (default 1600). Example: --width 1200' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline report"' -l 'actors' -d 'An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. Repeatable. Example: --actors my-actors.json' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline report"' -l 'gazetteer' -d 'A gazetteer to add: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon[,country,kind,aliases]. Repeatable; later files add to and override earlier ones. Example: --gazetteer villages.csv' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline report" shapes' -l 'shapes' -d 'Folder of the basemap and gazetteer (default: $FRONTLINE_SHAPES, ./Shapes, the package\'s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline batch" o output' -l 'output' -s 'o' -d 'The folder for the maps and claims files. Example: -o output/batch' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline batch" jobs' -l 'jobs' -d 'Articles rendered at once (default: the number of cores). Example: --jobs 2' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline batch" shard' -l 'shard' -d 'Only the K-th of N parts of the inputs. Example: --shard 1/4' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline batch" width' -l 'width' -d 'Map width in pixels, 300–8000 (default 1600). Example: --width 1200' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline batch"' -l 'actors' -d 'An actors file (the format of Shapes/actors.json) whose actors add to or replace the built-in ones. Repeatable. Example: --actors my-actors.json' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline batch"' -l 'gazetteer' -d 'A gazetteer to add: a GeoNames dump (19 tab-separated columns, e.g. SY.txt) or a CSV name,lat,lon[,country,kind,aliases]. Repeatable; later files add to and override earlier ones. Example: --gazetteer villages.csv' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline batch" shapes' -l 'shapes' -d 'Folder of the basemap and gazetteer (default: $FRONTLINE_SHAPES, ./Shapes, the package\'s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline batch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline gazetteer" -eq 1' -fa 'compile' -d 'Rebuild Shapes/gazetteer.index from gazetteer.tsv and gazetteer-supplement.tsv.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline gazetteer" -eq 1' -fa 'lookup' -d 'Show the gazetteer entries a name can mean.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline gazetteer" -eq 1' -fa 'add' -d 'Download GeoNames country dumps into the user\'s gazetteer cache.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline gazetteer" -eq 1' -fa 'list' -d 'List the countries in the user\'s gazetteer cache.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline gazetteer" -eq 1' -fa 'remove' -d 'Remove countries from the user\'s gazetteer cache.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer compile" shapes' -l 'shapes' -d 'Folder of the basemap and gazetteer (default: $FRONTLINE_SHAPES, ./Shapes, the package\'s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer compile" o output' -l 'output' -s 'o' -d 'Where to write (default: <shapes>/gazetteer.index).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer compile" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer lookup" shapes' -l 'shapes' -d 'Folder of the basemap and gazetteer (default: $FRONTLINE_SHAPES, ./Shapes, the package\'s Shapes, or PREFIX/share/frontline/Shapes for PREFIX/bin/frontline).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer lookup"' -l 'gazetteer' -d 'A user gazetteer to add (repeatable).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer lookup" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer add" url' -l 'url' -d 'The URL to download, {CC} standing for the code (default: $FRONTLINE_GEONAMES_URL, else https://download.geonames.org/export/dump/{CC}.zip). Example: --url http://127.0.0.1:8000/{CC}.zip' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline gazetteer remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline basemap" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_positional "frontline basemap" -eq 1' -fa 'index' -d 'Write a spatial index (.qix) beside each layer of a basemap.'
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline basemap index" shapes' -l 'shapes' -d 'The basemap folder to index (required: the committed one is read whole).' -rfka ''
complete -c 'frontline' -n '__frontline_should_offer_completions_for_flags_or_options "frontline basemap index" h help' -s 'h' -l 'help' -d 'Show help information.'
